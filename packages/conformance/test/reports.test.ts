import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckResult, summarize } from '../src/results/model.js';
import { REDACTED, Redactor } from '../src/results/redact.js';
import { junitXml, markdown, REPORT_FILES, writeReports } from '../src/results/reports.js';

const rows: CheckResult[] = [
  {
    id: 'a',
    section: 'dredd',
    title: 'ok <row> & "quoted"',
    evidence: 'documented',
    status: 'pass',
    reason: 'fine',
    violations: [],
  },
  {
    id: 'b',
    section: 'dredd',
    title: 'broken | piped',
    evidence: 'documented',
    status: 'fail',
    reason: 'body: got <html>\u0001\u0007 & more',
    violations: [{ evidence: 'documented', message: 'x' }],
    details: 'got HTTP 200 text/html: <b>`x`</b>',
  },
  {
    id: 'c',
    section: 'semantic',
    title: 'inferred',
    evidence: 'inferred',
    status: 'warn',
    reason: 'minute off',
    violations: [],
  },
  {
    id: 'd',
    section: 'negative',
    title: 'skipped',
    evidence: 'documented',
    status: 'skip',
    reason: 'no flag',
    violations: [],
  },
];
const meta = {
  target: 'http://127.0.0.1:1',
  startedAt: new Date(0),
  durationMs: 1234,
  strict: false,
  contract: 'C 1',
};

describe('JUnit report', () => {
  const xml = junitXml(summarize(rows), meta);

  it('counts tests, failures and skips, and marks a warning in the testcase output', () => {
    expect(xml).toContain(
      '<testsuites name="enos-trigger-conformance" tests="4" failures="1" skipped="1"',
    );
    expect(xml).toMatch(
      /<failure message="body: got &lt;html&gt;\uFFFD\uFFFD &amp; more" type="documented">/,
    );
    expect(xml).toContain('<skipped message="no flag"/>');
    expect(xml).toContain(
      '<system-out>WARNING (inferred, not failed without --strict): minute off</system-out>',
    );
  });

  it('escapes markup and drops characters XML forbids', () => {
    expect(xml).toContain('name="ok &lt;row&gt; &amp; &quot;quoted&quot;"');
    expect([xml.includes('\u0001'), xml.includes('\u0007')]).toEqual([false, false]);
  });
});

describe('Markdown report', () => {
  const text = markdown(summarize(rows), meta);

  it('keeps each row on one line of its table, with pipes and markup escaped', () => {
    expect(text).toContain('| FAIL | documented | broken \\| piped | body: got &lt;html>');
    expect(text).toContain('**does not conform**: 1 pass, 1 fail, 1 warn, 1 skip');
    expect(text).toContain('\\`x\\`');
  });
});

describe('redaction', () => {
  it('replaces secrets as written, JSON-escaped and URL-encoded, longest first', () => {
    const r = new Redactor();
    r.add('s3cr"et/x-long');
    r.add('s3cr"et');
    r.add('');
    expect(r.redact('a s3cr"et/x-long b s3cr\\"et/x-long c s3cr%22et%2Fx-long d s3cr"et')).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED} d ${REDACTED}`,
    );
  });

  it('replaces a short placeholder secret only where it stands alone', () => {
    const r = new Redactor();
    r.add('s');
    expect(r.redact('this is s, "s" and s=1')).toBe(
      `this is ${REDACTED}, "${REDACTED}" and ${REDACTED}=1`,
    );
  });

  it('applies to the report files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-reports-'));
    try {
      const r = new Redactor();
      r.add('tok-123');
      const leaky = [{ ...(rows[1] as CheckResult), details: 'echoed tok-123 back' }];
      await writeReports(dir, summarize(leaky), meta, r);
      for (const name of Object.values(REPORT_FILES)) {
        const text = await readFile(join(dir, name), 'utf8');
        expect(text).not.toContain('tok-123');
        expect(text).toContain(REDACTED);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
