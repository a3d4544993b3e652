import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { transactionCheck } from '../src/checks/transaction-row.js';
import { contractView } from '../src/contract/view.js';
import { junitXml } from '../src/reporters/junit.js';
import { markdown } from '../src/reporters/markdown.js';
import { REPORT_FILES, REPORTERS } from '../src/reporters/registry.js';
import { ResultStream } from '../src/reporters/reporter.js';
import { type CheckResult, summarize } from '../src/results/model.js';
import { MIN_SECRET_LENGTH, REDACTED, Redactor } from '../src/results/redact.js';

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

describe('an information, and what to do', () => {
  const info: CheckResult = {
    id: 'e',
    section: 'token',
    title: '1002 · appKey does not exist',
    evidence: 'documented',
    status: 'info',
    reason: '(unknown) msg is "No app.", not the contract\'s example "AppKey does not exist."',
    violations: [{ evidence: 'unknown', message: 'm' }],
  };
  const hinted: CheckResult = {
    ...(rows[1] as CheckResult),
    hint: '62103 · not the owner: Trigger workflow 4030 as the user who owns it',
  };
  const summary = summarize([info, hinted]);

  it('counts an information apart, and never as a failure', () => {
    expect(summary.counts).toMatchObject({ info: 1, fail: 1 });
    expect(summarize([info]).exitCode).toBe(0);
  });

  it('JUnit: a passing testcase whose output says INFO; the hint follows a failure', () => {
    const xml = junitXml(summary, meta);
    expect(xml).toContain(
      '<system-out>INFO (a part the contract does not know: never failed, even with --strict): (unknown) msg is &quot;No app.&quot;',
    );
    expect(xml).toContain('failures="1"');
    expect(xml).toContain('What to do: 62103 · not the owner: Trigger workflow 4030');
  });

  it('Markdown: an INFO row, the counts, and what to do', () => {
    const text = markdown(summary, meta);
    expect(text).toContain('| INFO | documented | 1002 · appKey does not exist |');
    expect(text).toContain('0 pass, 1 fail, 0 warn, 1 info, 0 skip');
    expect(text).toContain('## What to do');
    expect(text).toContain('- **broken \\| piped**: 62103 · not the owner: Trigger workflow 4030');
  });
});

describe('Markdown report', () => {
  const text = markdown(summarize(rows), meta);

  it('keeps each row on one line of its table, with pipes and markup escaped', () => {
    expect(text).toContain('| FAIL | documented | broken \\| piped | body: got &lt;html>');
    expect(text).toContain('**does not conform**: 1 pass, 1 fail, 1 warn, 0 info, 1 skip');
    expect(text).toContain('\\`x\\`');
  });
});

describe('redaction', () => {
  it('replaces secrets as written, JSON-escaped and URL-encoded, longest first', () => {
    const r = new Redactor();
    r.add('s3cr"et/x-long');
    r.add('s3cr"et!');
    r.add('');
    expect(r.redact('a s3cr"et/x-long b s3cr\\"et/x-long c s3cr%22et%2Fx-long d s3cr"et!')).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED} d ${REDACTED}`,
    );
  });

  it('replaces the forms the reports give a secret: Markdown- and XML-escaped', () => {
    const secret = 'Pq7Xa9|<Zk&>"Wm3Rt';
    const r = new Redactor();
    r.add(secret);
    const forms = [
      secret,
      'Pq7Xa9\\|&lt;Zk&>"Wm3Rt', // Markdown
      'Pq7Xa9|&lt;Zk&amp;&gt;&quot;Wm3Rt', // XML
      'Pq7Xa9|<Zk&>\\"Wm3Rt', // JSON
      'Pq7Xa9\\|&lt;Zk&>\\\\"Wm3Rt', // JSON, then Markdown
      'Pq7Xa9|&lt;Zk&amp;&gt;\\&quot;Wm3Rt', // JSON, then XML
    ];
    for (const form of forms) expect(r.redact(`<${form}>`), form).toBe(`<${REDACTED}>`);
  });

  it('matches a secret whose whitespace the output collapsed or broke, in any case', () => {
    const r = new Redactor();
    r.add('Tb4Ws8  Hs8Ky2\tJq2Vn6 Kc9Lm');
    for (const form of [
      'Tb4Ws8 Hs8Ky2 Jq2Vn6 Kc9Lm',
      'Tb4Ws8\n  Hs8Ky2\t\tJq2Vn6\nKc9Lm',
      'TB4WS8  HS8KY2\tJQ2VN6 KC9LM',
      'Tb4Ws8  Hs8Ky2\\tJq2Vn6 Kc9Lm', // JSON
    ]) {
      expect(r.redact(`[${form}]`), form).toBe(`[${REDACTED}]`);
    }
  });

  it('matches a secret in base64, wherever it starts in a longer base64 text', () => {
    const secret = 'app-secret-Zq81xKw0';
    const r = new Redactor();
    r.add(secret);
    for (const prefix of ['', 'k:', 'ke:', 'key:']) {
      const encoded = Buffer.from(`${prefix}${secret}:more`).toString('base64');
      const out = r.redact(`Basic ${encoded}`);
      expect(out, prefix).toContain(REDACTED);
      // What is left decodes to no 8 characters of the secret in a row.
      for (const piece of out.replace('Basic ', '').split(REDACTED)) {
        const decoded = Buffer.from(piece, 'base64').toString('latin1');
        for (let i = 0; i + 8 <= secret.length; i += 1) {
          expect(decoded).not.toContain(secret.slice(i, i + 8));
        }
      }
    }
    expect(r.redact(Buffer.from(secret).toString('base64url'))).toBe(REDACTED);
  });

  it('does not use a secret too short to redact safely, and says so', () => {
    const r = new Redactor();
    expect(r.add('s')).toBe(false);
    expect(r.add(' 1234567 ')).toBe(false);
    expect(r.add('12345678')).toBe(true);
    expect(r.redact("the run's s")).toBe("the run's s");
    expect(MIN_SECRET_LENGTH).toBe(8);
  });

  it('comes before the cut: a secret across the cut of an excerpt leaves nothing of it', () => {
    const secret = 'Vq3Lz8Kp2Wx7Rn5Tj9';
    const r = new Redactor();
    r.add(secret);
    // 262: across the cut of the answer shown under the row; 150: across the cut of the value
    // its sentence quotes.
    for (const before of [262, 150]) {
      const body = JSON.stringify({
        code: 62104,
        msg: `${'x'.repeat(before)}${secret}!`,
        data: null,
      });
      const entry = {
        name: 'n',
        title: 't',
        operation: 'triggerFlow',
        evidence: 'documented',
        facets: { statusCode: 'documented', headers: 'documented', body: 'documented' },
        bodySchema: { properties: { msg: { type: 'string', maxLength: 10 } } },
      };
      const outcome = transactionCheck(
        entry as never,
        {
          name: 'n',
          skipped: false,
          fields: { body: { valid: false, pointers: ['/msg'] } },
          answer: {
            status: 200,
            contentType: 'application/json',
            text: body,
            json: JSON.parse(body),
          },
        },
        { view: contractView(), redact: (text) => r.redact(text), engine: 'Dredd' },
      );
      const shown = JSON.stringify(outcome);
      expect(shown).toContain(REDACTED);
      for (let i = 0; i + 6 <= secret.length; i += 1) {
        expect(shown).not.toContain(secret.slice(i, i + 6));
      }
    }
  });

  it('applies to the report files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-reports-'));
    try {
      const r = new Redactor();
      r.add('tok-12345');
      const leaky = [{ ...(rows[1] as CheckResult), details: 'echoed tok-12345 back' }];
      const stream = new ResultStream(REPORTERS, { print: () => {}, reportDir: dir, redactor: r });
      const written = await stream.end(summarize(leaky), meta);
      expect(written.map((path) => path.slice(dir.length + 1))).toEqual(
        Object.values(REPORT_FILES),
      );
      for (const name of Object.values(REPORT_FILES)) {
        const text = await readFile(join(dir, name), 'utf8');
        expect(text).not.toContain('tok-12345');
        expect(text).toContain(REDACTED);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a run that stopped before its end', () => {
  const stopped = summarize(rows, "the run's deadline of 3 s (--deadline) passed");

  it('fails (exit 1), with a verdict that says why, not that the server does not conform', () => {
    expect(stopped.exitCode).toBe(1);
    expect(
      summarize(
        rows.filter((r) => r.status !== 'fail'),
        'why',
      ).exitCode,
    ).toBe(1);
    const text = markdown(stopped, { ...meta, warnings: ['a warning'] });
    expect(text).toContain('- Result: **stopped before the end**: 1 pass, 1 fail');
    expect(text).toContain("- Stopped: the run's deadline of 3 s (--deadline) passed");
    expect(text).toContain('- Warning: a warning');
    expect(text).not.toContain('does not conform');
  });
});
