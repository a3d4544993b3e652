/**
 * The files of --report-dir: `junit.xml` for CI (one testcase per check; a warning or an
 * information is a passing testcase that says so in its output; a skip says why) and
 * `report.md`, readable on its own or appended to a GitHub job summary. What they are given is
 * already redacted (the run redacts each result before it keeps it); the text is escaped here,
 * and each file passes through the run's redactor once more, which knows the escaped forms of
 * every secret too.
 */
import { type CheckResult, type RunSummary, type Section, verdictOf } from './model.js';
import type { Redactor } from './redact.js';
import { writeRedacted } from './report-dir.js';
import { countsText } from './table.js';
import { markdownEscape as md, xmlEscape as xml } from './text.js';

export interface ReportMeta {
  target: string;
  startedAt: Date;
  durationMs: number;
  strict: boolean;
  contract: string;
  /** What the run warned about at its start (a secret too short to redact). */
  warnings?: string[];
}

export const REPORT_FILES = { junit: 'junit.xml', markdown: 'report.md' } as const;

/** What a passing testcase's output starts with, for a warning and for an information. */
export const WARNING_OUTPUT = 'WARNING (inferred, not failed without --strict)';
export const INFO_OUTPUT =
  'INFO (a part the contract does not know: never failed, even with --strict)';

const SECTIONS: Record<Section, string> = {
  token: 'Token endpoint',
  dredd: 'Trigger Flow',
  semantic: 'Semantic checks',
  negative: 'Negative lane',
  engine: 'Engine guards',
};

export async function writeReports(
  dir: string,
  summary: RunSummary,
  meta: ReportMeta,
  redactor: Redactor,
): Promise<string[]> {
  return writeRedacted(
    dir,
    [
      [REPORT_FILES.junit, junitXml(summary, meta)],
      [REPORT_FILES.markdown, markdown(summary, meta)],
    ],
    redactor,
  );
}

function bySection(results: CheckResult[]): [Section, CheckResult[]][] {
  const sections = new Map<Section, CheckResult[]>();
  for (const r of results) sections.set(r.section, [...(sections.get(r.section) ?? []), r]);
  return [...sections];
}

export function junitXml(summary: RunSummary, meta: ReportMeta): string {
  const seconds = (meta.durationMs / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="enos-trigger-conformance" tests="${summary.results.length}" failures="${summary.counts.fail}" skipped="${summary.counts.skip}" time="${seconds}">`,
  ];
  for (const [section, results] of bySection(summary.results)) {
    const failures = results.filter((r) => r.status === 'fail').length;
    const skipped = results.filter((r) => r.status === 'skip').length;
    lines.push(
      `  <testsuite name="${xml(SECTIONS[section])}" tests="${results.length}" failures="${failures}" skipped="${skipped}" timestamp="${meta.startedAt.toISOString()}">`,
    );
    for (const r of results) {
      const open = `    <testcase classname="conformance.${section}" name="${xml(r.title)}"`;
      if (r.status === 'pass') {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      const hint = r.hint ? `What to do: ${r.hint}` : undefined;
      if (r.status === 'fail') {
        const body = [r.reason, r.details && `Answered: ${r.details}`, hint];
        lines.push(
          `      <failure message="${xml(r.reason)}" type="${r.evidence}">${xml(body.filter(Boolean).join('\n'))}</failure>`,
        );
      } else if (r.status === 'skip') {
        lines.push(`      <skipped message="${xml(r.reason)}"/>`);
        if (hint) lines.push(`      <system-out>${xml(hint)}</system-out>`);
      } else {
        const head = r.status === 'warn' ? WARNING_OUTPUT : INFO_OUTPUT;
        const body = [`${head}: ${r.reason}`, r.details && `Answered: ${r.details}`, hint];
        lines.push(`      <system-out>${xml(body.filter(Boolean).join('\n'))}</system-out>`);
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

export function markdown(summary: RunSummary, meta: ReportMeta): string {
  const lines = [
    '# Trigger Flow conformance report',
    '',
    `- Target: ${md(meta.target)}`,
    `- Contract: ${md(meta.contract)}`,
    `- Started: ${meta.startedAt.toISOString()}, took ${(meta.durationMs / 1000).toFixed(1)} s`,
    `- Mode: ${meta.strict ? 'strict (inferred checks fail)' : 'default (inferred checks warn)'}; a difference in a part the contract does not know is information (INFO), never a failure`,
    `- Result: **${verdictOf(summary)}**: ${countsText(summary)}`,
    ...(summary.stopped === undefined ? [] : [`- Stopped: ${md(summary.stopped)}`]),
    ...(meta.warnings ?? []).map((warning) => `- Warning: ${md(warning)}`),
  ];
  for (const [section, results] of bySection(summary.results)) {
    lines.push(
      '',
      `## ${SECTIONS[section]}`,
      '',
      '| Result | Evidence | Check | Reason |',
      '| --- | --- | --- | --- |',
    );
    for (const r of results) {
      lines.push(
        `| ${r.status.toUpperCase()} | ${r.evidence} | ${md(r.title)} | ${md(r.reason)} |`,
      );
    }
  }
  const failed = summary.results.filter((r) => r.status === 'fail' && r.details);
  if (failed.length > 0) {
    lines.push('', '## What the server answered', '');
    for (const r of failed) lines.push(`- **${md(r.title)}**: ${md(r.details as string)}`);
  }
  const hinted = summary.results.filter((r) => r.hint && r.status !== 'pass');
  if (hinted.length > 0) {
    lines.push('', '## What to do', '');
    for (const r of hinted) lines.push(`- **${md(r.title)}**: ${md(r.hint as string)}`);
  }
  lines.push('');
  return lines.join('\n');
}
