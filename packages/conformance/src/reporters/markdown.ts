/**
 * `report.md`, readable on its own or appended to a GitHub job summary: the run, its verdict,
 * a table per section, what the server answered for each failure, and what to do. What it is
 * given is already redacted; the text is escaped here.
 */
import { type RunSummary, verdictOf } from '../results/model.js';
import { markdownEscape as md } from '../results/text.js';
import { reportFile } from './report-file.js';
import type { ReportMeta } from './reporter.js';
import { bySection, SECTIONS } from './sections.js';
import { countsText } from './terminal.js';

export const MARKDOWN_FILE = 'report.md';

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

export const markdownReporter = reportFile(MARKDOWN_FILE, markdown);
