/**
 * A server that echoes the app secret in its answers, in the ways that used to get it past the
 * redactor: just before the point where an answer is cut to an excerpt, with characters that
 * Markdown and XML escape, with double spaces and tabs (which the output collapses). No part of
 * the secret may reach the terminal, report.md or junit.xml. And a secret too short to redact
 * is warned about at the start, instead of mangling the output.
 */
import { errorCatalog } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { fullArgs, startReferenceServer } from './support/reference-server.js';
import { type CliRun, runCli } from './support/run-cli.js';

const NO_TASK = '62104 · workflow has no task';
/** Where an answer shown under a failing row is cut (outcomes.ts). */
const CUT = 300;

async function echoing(secret: string, noTaskMessage: string): Promise<CliRun> {
  const server = await startReferenceServer(undefined, { appSecret: secret, noTaskMessage });
  try {
    return await runCli([...fullArgs(server), '--negative-runs', '0'], {
      ENOS_APP_SECRET: secret,
    });
  } finally {
    await server.close();
  }
}

function everything(run: CliRun): string {
  return [run.stdout, run.stderr, run.reports['report.md'], run.reports['junit.xml']].join('\n');
}

/** Each run of 5 or more letters and digits of the secret, and each 8 characters in a row. */
function partsOf(secret: string): string[] {
  const runs = secret.split(/[^A-Za-z0-9]+/).filter((part) => part.length >= 5);
  const windows = [];
  for (let i = 0; i + 8 <= secret.length; i += 1) windows.push(secret.slice(i, i + 8));
  return [...runs, ...windows];
}

function expectNoPartOf(secret: string, run: CliRun): void {
  expect(Object.keys(run.reports).sort()).toEqual(['junit.xml', 'report.md']);
  const text = everything(run);
  for (const part of partsOf(secret)) {
    expect(text.includes(part), `"${part}" of the secret is in the output:\n${run.stdout}`).toBe(
      false,
    );
  }
}

describe.concurrent('an echoed secret reaches no output', () => {
  it('placed just before the cut of the excerpt shown under a failing row', async () => {
    const secret = 'Vq3Lz8Kp2Wx7Rn5Tj9';
    const code = errorCatalog('triggerFlow').find((e) => e.name === 'noTask')?.code;
    // The answer is {"code":62104,"msg":"<message>",...}: 17 of the secret's 18 characters
    // come before the cut.
    const before = `{"code":${code},"msg":"`.length;
    const message = `${'x'.repeat(CUT - 17 - before)}${secret} and more after it`;
    const run = await echoing(secret, message);
    expect(run.code).toBe(1);
    const row = run.row(NO_TASK);
    expect(row.status).toBe('fail');
    expect(run.stdout).toContain('[redacted]');
    expect(run.reports['report.md']).toContain('xxxxxxxx');
    expectNoPartOf(secret, run);
  });

  it('with | < & > " in it, which report.md and junit.xml escape', async () => {
    const secret = 'Pq7Xa9|<Zk&>"Wm3Rt';
    const run = await echoing(secret, `the secret is ${secret}, said the server`);
    expect(run.code).toBe(1);
    expect(run.row(NO_TASK).status).toBe('fail');
    expect(run.reports['report.md']).toContain('[redacted]');
    expect(run.reports['junit.xml']).toContain('[redacted]');
    expectNoPartOf(secret, run);
  });

  it('with double spaces and a tab in it, which the output collapses', async () => {
    const secret = 'Tb4Ws8  Hs8Ky2\tJq2Vn6 Kc9Lm';
    const run = await echoing(secret, `the secret is ${secret}, said the server`);
    expect(run.code).toBe(1);
    expect(run.row(NO_TASK).status).toBe('fail');
    expect(run.stdout).toContain('[redacted]');
    expectNoPartOf(secret, run);
  });
});

describe('a secret too short to redact safely', () => {
  it('is warned about at the start, without being shown, and leaves the output readable', async () => {
    const server = await startReferenceServer(undefined, { appSecret: 's' });
    try {
      const run = await runCli([...fullArgs(server), '--negative-runs', '0'], {
        ENOS_APP_SECRET: 's',
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const warning = 'Warning: The app secret is shorter than 8 characters';
      expect(run.stdout).toContain(warning);
      expect(run.stdout.indexOf(warning)).toBeLessThan(run.stdout.indexOf('[1/4] Token'));
      expect(run.reports['report.md']).toContain('Warning: The app secret is shorter than 8');
      // Ordinary words keep their s.
      expect(run.stdout).toContain("the run's credentials get a token");
      expect(everything(run)).not.toContain('[redacted]');
    } finally {
      await server.close();
    }
  });
});
