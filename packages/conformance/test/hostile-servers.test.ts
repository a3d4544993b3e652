/**
 * Servers nobody here controls, as the command meets them (dist/cli.js in its own process): an
 * answer of 2 GB, a gateway that accepts connections and never answers, one that gives a token
 * and then goes silent. Each run is bounded by the test itself (a time limit that kills the
 * command and its Dredd worker, and a small heap), so that a run that would read the whole
 * answer, or wait forever, fails the test instead of taking the machine down.
 */
import { describe, expect, it } from 'vitest';
import {
  APP_SECRET,
  type Hostile,
  HUGE_BYTES,
  type ReferenceServer,
  startReferenceServer,
  targetArgs,
} from './support/reference-server.js';
import { type CliRun, runCli } from './support/run-cli.js';

/** The command's own heap, as small as a CI runner might give it; the worker's is its own. */
const SMALL_HEAP = { NODE_OPTIONS: '--max-old-space-size=256' };
const MIB = 1024 * 1024;

async function against(
  hostile: Hostile,
  extra: string[],
  timeoutMs: number,
): Promise<{ run: CliRun; server: ReferenceServer }> {
  const server = await startReferenceServer(undefined, { hostile });
  try {
    const run = await runCli(
      [...targetArgs(server), '--negative-runs', '1', ...extra],
      { ENOS_APP_SECRET: APP_SECRET, ...SMALL_HEAP },
      { timeoutMs },
    );
    return { run, server };
  } finally {
    await server.close();
  }
}

function explain(run: CliRun): string {
  return `exit ${run.code} ${run.signal ?? ''} after ${run.elapsedMs} ms${run.timedOut ? ' (killed by the test)' : ''}\n${run.stdout}\n${run.stderr.slice(-2000)}`;
}

describe.concurrent('an answer of 2 GB', () => {
  it('to every Trigger Flow request: each is read up to --max-response-bytes, and fails saying so', async () => {
    const { run, server } = await against('huge-trigger', [], 45_000);
    expect(run.timedOut, explain(run)).toBe(false);
    expect(run.code, explain(run)).toBe(1);
    // Dredd's transactions (through the worker's cap) and the negative lane (the run's own).
    const success = run.row('Trigger Flow · success');
    expect(success.status).toBe('fail');
    expect(success.text).toContain('larger than 1048576 bytes (--max-response-bytes)');
    const junk = run.row('negative · junk JSON');
    expect(junk.status).toBe('fail');
    expect(junk.text).toContain('answered more than 1048576 bytes (--max-response-bytes)');
    // Nothing says the hooks did not load, or that the worker crashed.
    expect(run.row('Dredd loaded the CommonJS hooks').status).toBe('pass');
    expect(run.row('Dredd ran to the end').status).toBe('pass');
    expect(run.reports['report.md']).toContain('**does not conform**');
    // The server was never read far: the client hung up soon after the limit, every time.
    expect(server.huge.answers).toBeGreaterThan(10);
    expect(server.huge.mostInOne).toBeLessThan(16 * MIB);
    expect(server.huge.bytes).toBeLessThan(server.huge.answers * 16 * MIB);
    expect(server.huge.bytes).toBeLessThan(HUGE_BYTES / 4);
  });

  it("to the run's own token request: the token check fails saying so, with a lower limit", async () => {
    const { run, server } = await against('huge-token', ['--max-response-bytes', '4096'], 45_000);
    expect(run.timedOut, explain(run)).toBe(false);
    expect(run.code, explain(run)).toBe(1);
    const token = run.row("the run's credentials get a token");
    expect(token.status).toBe('fail');
    expect(token.text).toContain('no token: the answer is larger than 4096 bytes');
    expect(server.huge.mostInOne).toBeLessThan(16 * MIB);
  });
});

describe.concurrent('a gateway that stops answering', () => {
  it('that never answers: the run stops at --deadline, says why, and writes its reports', async () => {
    const { run, server } = await against('silent', ['--deadline', '3'], 30_000);
    expect(run.timedOut, explain(run)).toBe(false);
    expect(run.code, explain(run)).toBe(1);
    // The deadline, plus the command's own start and end.
    expect(run.elapsedMs).toBeLessThan(3_000 + 6_000);
    expect(server.requests.length).toBeGreaterThan(0);
    const finished = run.row('the run finished');
    expect(finished.status).toBe('fail');
    expect(finished.text).toContain("the run's deadline of 3 s (--deadline) passed during");
    expect(run.row("the run's credentials get a token").status).toBe('skip');
    expect(run.row('Trigger Flow · success').text).toContain('the run stopped');
    expect(run.stdout).toContain('conformance: stopped before the end: ');
    expect(run.reports['report.md']).toContain('**stopped before the end**');
    expect(run.reports['report.md']).not.toContain('does not conform');
  });

  it('that never answers the token request in time: the run stops, as it can check nothing', async () => {
    const { run } = await against('silent', ['--request-timeout', '1'], 30_000);
    expect(run.timedOut, explain(run)).toBe(false);
    expect(run.code, explain(run)).toBe(1);
    expect(run.elapsedMs).toBeLessThan(1_000 + 6_000);
    expect(run.row('the run finished').text).toMatch(
      /^the token service gave no answer: POST http:\/\/127\.0\.0\.1:\d+\/apim-token-service\/v2\.0\/token\/get got no complete answer within 1 s \(--request-timeout\)/,
    );
    expect(run.reports['report.md']).toContain('**stopped before the end**');
  });

  it('after the token: the run stops after --max-timeouts requests in a row, and says why', async () => {
    const { run } = await against(
      'silent-after-token',
      ['--request-timeout', '1', '--max-timeouts', '3'],
      30_000,
    );
    expect(run.timedOut, explain(run)).toBe(false);
    expect(run.code, explain(run)).toBe(1);
    // 3 requests of 1 s each, plus the command's start (Dredd's in particular) and end.
    expect(run.elapsedMs).toBeLessThan(3 * 1_000 + 8_000);
    expect(run.row("the run's credentials get a token").status).toBe('pass');
    const finished = run.row('the run finished');
    expect(finished.status).toBe('fail');
    expect(finished.text).toContain(
      'the server stopped answering: 3 requests in a row got no answer within 1 s (--request-timeout)',
    );
    expect(finished.text).toContain('POST http://127.0.0.1:');
    expect(run.row('negative · junk JSON').status).toBe('skip');
    expect(run.reports['report.md']).toContain('**stopped before the end**');
  });

  it('that trickles a byte at a time: each answer ends at --request-timeout, in Dredd too', async () => {
    const { run } = await against(
      'trickle-trigger',
      ['--request-timeout', '1', '--max-timeouts', '2'],
      30_000,
    );
    expect(run.timedOut, explain(run)).toBe(false);
    expect(run.code, explain(run)).toBe(1);
    expect(run.elapsedMs).toBeLessThan(2 * 1_000 + 8_000);
    expect(run.row('Trigger Flow · success').text).toContain(
      'no complete answer within 1 s (--request-timeout)',
    );
    expect(run.row('the run finished').text).toContain(
      'the server stopped answering: 2 requests in a row got no answer within 1 s',
    );
  });
});
