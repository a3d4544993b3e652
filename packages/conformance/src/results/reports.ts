/**
 * The files of --report-dir: `junit.xml` for CI (one testcase per check; a warning is a passing
 * testcase that says so in its output; a skip says why) and `report.md`, readable on its own or
 * appended to a GitHub job summary. Both pass through the run's redactor.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckResult, RunSummary, Section } from './model.js';
import type { Redactor } from './redact.js';

export interface ReportMeta {
  target: string;
  startedAt: Date;
  durationMs: number;
  strict: boolean;
  contract: string;
}

export const REPORT_FILES = { junit: 'junit.xml', markdown: 'report.md' } as const;

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
  await mkdir(dir, { recursive: true });
  const files = [
    [join(dir, REPORT_FILES.junit), junitXml(summary, meta)],
    [join(dir, REPORT_FILES.markdown), markdown(summary, meta)],
  ] as const;
  for (const [path, text] of files) await writeFile(path, redactor.redact(text), 'utf8');
  return files.map(([path]) => path);
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
      if (r.status === 'fail') {
        lines.push(
          `      <failure message="${xml(r.reason)}" type="${r.evidence}">${xml([r.reason, r.details].filter(Boolean).join('\n'))}</failure>`,
        );
      } else if (r.status === 'skip') {
        lines.push(`      <skipped message="${xml(r.reason)}"/>`);
      } else {
        lines.push(
          `      <system-out>${xml(`WARNING (inferred, not failed without --strict): ${r.reason}`)}</system-out>`,
        );
      }
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

export function markdown(summary: RunSummary, meta: ReportMeta): string {
  const { pass, fail, warn, skip } = summary.counts;
  const verdict = summary.exitCode === 0 ? 'conforms' : 'does not conform';
  const lines = [
    '# Trigger Flow conformance report',
    '',
    `- Target: ${md(meta.target)}`,
    `- Contract: ${md(meta.contract)}`,
    `- Started: ${meta.startedAt.toISOString()}, took ${(meta.durationMs / 1000).toFixed(1)} s`,
    `- Mode: ${meta.strict ? 'strict (inferred checks fail)' : 'default (inferred checks warn)'}`,
    `- Result: **${verdict}**: ${pass} pass, ${fail} fail, ${warn} warn, ${skip} skip`,
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
  lines.push('');
  return lines.join('\n');
}

/** XML text: escaped, and without the control characters XML 1.0 forbids. */
function xml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Markdown table text: one line, pipes and backticks escaped, HTML neutralized. */
function md(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('`', '\\`')
    .replaceAll('<', '&lt;');
}
