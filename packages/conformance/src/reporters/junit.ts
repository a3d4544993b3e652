/**
 * `junit.xml` for CI: one testsuite per section, one testcase per check. A warning or an
 * information is a passing testcase that says so in its output; a skip says why. What it is
 * given is already redacted; the text is escaped here.
 */
import type { RunSummary } from '../results/model.js';
import { xmlEscape as xml } from '../results/text.js';
import { reportFile } from './report-file.js';
import type { ReportMeta } from './reporter.js';
import { bySection, SECTIONS } from './sections.js';

export const JUNIT_FILE = 'junit.xml';

/** What a passing testcase's output starts with, for a warning and for an information. */
export const WARNING_OUTPUT = 'WARNING (inferred, not failed without --strict)';
export const INFO_OUTPUT =
  'INFO (a part the contract does not know: never failed, even with --strict)';

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

export const junitReporter = reportFile(JUNIT_FILE, junitXml);
