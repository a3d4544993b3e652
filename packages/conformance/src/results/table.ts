/** The terminal rendering of results: one progress line per check, and the closing table. */
import type { CheckResult, RunSummary, Status } from './model.js';

const LABEL: Record<Status, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };
const TITLE_WIDTH = 72;

export function progressLine(result: CheckResult): string {
  const head = `  ${LABEL[result.status]}  ${result.evidence.padEnd(10)}  ${result.title}`;
  const lines = [`${head} — ${result.reason}`];
  if ((result.status === 'fail' || result.status === 'warn') && result.details)
    lines.push(`        ${result.details}`);
  return lines.join('\n');
}

export function resultTable(summary: RunSummary): string {
  const width = Math.min(TITLE_WIDTH, Math.max(5, ...summary.results.map((r) => r.title.length)));
  const row = (status: string, evidence: string, title: string, reason: string) =>
    `${status.padEnd(8)}${evidence.padEnd(12)}${fit(title, width).padEnd(width)}  ${reason}`;
  const lines = [row('RESULT', 'EVIDENCE', 'CHECK', 'REASON')];
  for (const r of summary.results) lines.push(row(LABEL[r.status], r.evidence, r.title, r.reason));
  const { pass, fail, warn, skip } = summary.counts;
  lines.push('', `conformance: ${pass} pass, ${fail} fail, ${warn} warn, ${skip} skip`);
  return lines.join('\n');
}

function fit(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
