/**
 * The guard against hooks that did not load: Dredd skips such a hook file with a warning (or
 * silently, when Node's require() of an ES module succeeds but registers nothing) and would run
 * unsigned, example-only checks. The run must fail instead. And a worker that crashes is a
 * crash, said as such with its cause, not hooks that did not load. Runs the built worker (dist).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractView, engineChecks, planTransactions, runDredd } from '../dist/index.js';
import {
  APP_KEY,
  APP_SECRET,
  FLOW,
  ORG,
  type ReferenceServer,
  startReferenceServer,
  USER,
} from './support/reference-server.js';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(() => server.close());

function dredd(hookfile?: string) {
  const view = contractView();
  return runDredd({
    server: server.url,
    identity: { appKey: APP_KEY, appSecret: APP_SECRET, userId: USER, orgId: ORG },
    accessToken: 'no-token',
    flows: { flowId: FLOW },
    candidateMinutes: [Date.now() - 120_000 - (Date.now() % 60_000)],
    oversizeBytes: 2048,
    plan: planTransactions(view, { flowId: FLOW, stateless: false, oversizeBytes: 2048 }),
    ...(hookfile ? { hookfile } : {}),
  });
}

const check = (run: Awaited<ReturnType<typeof dredd>>, id: string) =>
  engineChecks(run).find((c) => c.id === id);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const hooksCheck = (run: Awaited<ReturnType<typeof dredd>>) =>
  engineChecks(run).find((c) => c.id === 'engine:hooks-loaded');

describe('the hook guard', () => {
  it('fails the run when the hook file is an ES module that registers nothing', async () => {
    const check = hooksCheck(await dredd(fixture('esm-hooks.mjs')));
    expect(check?.violations[0]?.message).toContain('the hooks did not load');
  });

  it("fails the run, quoting Dredd's warning, when Dredd skips the hook file", async () => {
    const run = await dredd(fixture('esm-hooks-await.mjs'));
    expect(run.logs.some((log) => log.message.includes('Skipping hook loading'))).toBe(true);
    expect(hooksCheck(run)?.violations[0]?.message).toContain('Skipping hook loading');
  });
});

describe('a Dredd worker that crashes', () => {
  it('out of memory: is a crash naming the cause, on a bounded heap, not hooks that did not load', async () => {
    const run = await dredd(fixture('out-of-memory-hooks.cjs'));
    expect(run.crashed).toBe(true);
    const engine = check(run, 'engine:dredd');
    expect(engine?.violations[0]?.message).toMatch(/^the Dredd worker crashed \(/);
    expect(engine?.violations[0]?.message).toContain(
      'it ran out of memory (its heap is bounded at 264 MB), most likely holding an answer too large',
    );
    // The hooks had loaded (the worker said so at once); what it could not report is skipped.
    const hooks = check(run, 'engine:hooks-loaded');
    expect(hooks?.violations).toEqual([]);
    expect(hooks?.skipped).toBeUndefined();
    expect(check(run, 'engine:transaction-names')?.skipped).toContain('crashed');
  });
});
