/**
 * The terminal reporter: each phase's heading, one line per check as it completes (its result,
 * evidence, title and reason), and a closing summary. A check is printed once: the summary
 * repeats only the checks that failed, so that a failing run's violations are together at its
 * end, and a passing run prints each check once.
 */
import { type CheckResult, type RunSummary, type Status, verdictOf } from '../results/model.js';
import type { ReporterFactory } from './reporter.js';

export const LABEL: Record<Status, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  info: 'INFO',
  skip: 'SKIP',
};

/** The check's line, and under it what the server answered and what to do, when they help. */
export function progressLine(result: CheckResult): string {
  const head = `${LABEL[result.status].padEnd(6)}${result.evidence.padEnd(12)}${result.title}`;
  const lines = [`${head} — ${result.reason}`];
  if (result.status === 'fail' || result.status === 'warn' || result.status === 'info') {
    if (result.details) lines.push(`      answered: ${result.details}`);
  }
  if (result.hint && result.status !== 'pass') lines.push(`      what to do: ${result.hint}`);
  return lines.join('\n');
}

/** The closing summary: the failed checks again (none on a passing run), then the counts. */
export function resultTable(summary: RunSummary): string {
  const failed = summary.results.filter((r) => r.status === 'fail');
  const lines: string[] = [];
  if (failed.length > 0) {
    lines.push(`Failed (${failed.length}):`);
    for (const r of failed) lines.push(progressLine(r));
    lines.push('');
  }
  lines.push(`conformance: ${countsText(summary)}`);
  if (summary.stopped !== undefined) {
    lines.push(`conformance: ${verdictOf(summary)}: ${summary.stopped}`);
  } else {
    lines.push(`conformance: ${verdictOf(summary)}`);
  }
  return lines.join('\n');
}

/** `28 pass, 0 fail, 0 warn, 5 info, 14 skip`. */
export function countsText(summary: RunSummary): string {
  const { pass, fail, warn, info, skip } = summary.counts;
  return `${pass} pass, ${fail} fail, ${warn} warn, ${info} info, ${skip} skip`;
}

export const terminalReporter: ReporterFactory = ({ print }) => ({
  onPhase: (title) => print(`\n${title}`),
  onResult: (result) => print(progressLine(result)),
  onEnd: (summary) => {
    print(`\n${resultTable(summary)}`);
    return undefined;
  },
});
