/**
 * The guard against hooks that did not load: Dredd skips such a hook file with a warning (or
 * silently, when Node's require() of an ES module succeeds but registers nothing) and would run
 * unsigned, example-only checks. The run must fail instead. Runs the built worker (dist).
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
