/**
 * The whole toolkit as a newcomer meets it: start the stack the way `npm start` does, use it
 * through the client example, the curl sample, the conformance suite and the docs page, then
 * stop it and check that nothing is left behind.
 */
import type { ChildProcess } from 'node:child_process';
import { startProxy } from '@enos-trigger/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conformanceCli,
  descendants,
  exitOf,
  isAlive,
  isListening,
  repoRoot,
  run,
  spawnStack,
  waitForOutput,
} from './support.js';

let stack: ChildProcess;
let banner: string;
let urls: Record<'docs' | 'mock' | 'sandbox', string>;

const portOf = (url: string) => Number(new URL(url).port);

/** The conformance CLI that `npm run conformance` runs, with the sandbox's credentials. */
const conformance = (server: string) =>
  run(process.execPath, [conformanceCli, '--server', server, '--flow-id', '2791'], {
    cwd: repoRoot,
    env: { ...process.env, ENOS_APP_KEY: 'sandbox-app-key', ENOS_APP_SECRET: 'sandbox-app-secret' },
  });

beforeAll(async () => {
  stack = spawnStack();
  banner = await waitForOutput(stack, /Ctrl-C[\s\S]*--flow-id/);
  const find = (name: string) => {
    const match = banner.match(new RegExp(`^\\s+${name}\\s+(http://127\\.0\\.0\\.1:\\d+)`, 'm'));
    if (!match?.[1]) throw new Error(`no ${name} URL in the banner:\n${banner}`);
    return match[1];
  };
  urls = { docs: find('docs'), mock: find('mock'), sandbox: find('sandbox') };
}, 60_000);

afterAll(() => {
  if (stack.exitCode === null) stack.kill('SIGKILL');
});

describe('npm start', () => {
  it('prints the three URLs, the sandbox credentials and what to run next', () => {
    expect(banner).toContain('sandbox-app-key');
    expect(banner).toContain('sandbox-app-secret');
    expect(banner).toContain(
      `ENOS_BASE_URL=${urls.sandbox} sh packages/docs/samples/trigger-flow.sh`,
    );
    expect(banner).toContain('npx tsx packages/client/examples/trigger-flow.ts');
    expect(banner).toContain('ENOS_APP_KEY=sandbox-app-key ENOS_APP_SECRET=sandbox-app-secret');
    expect(banner).toContain(`npm run conformance -- --server ${urls.sandbox}`);
  });

  it('serves the docs page', async () => {
    const page = await fetch(urls.docs);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Trigger Flow');
  });

  it('runs the client example against the sandbox', async () => {
    const { stdout } = await run('npx', ['tsx', 'packages/client/examples/trigger-flow.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ENOS_BASE_URL: urls.sandbox },
    });
    expect(stdout).toMatch(/^Triggered 3377-\d{14}: flow 3377/m);
  });

  it('runs the curl sample against the sandbox', async () => {
    const { stdout } = await run('sh', ['packages/docs/samples/trigger-flow.sh'], {
      cwd: repoRoot,
      env: { ...process.env, ENOS_BASE_URL: urls.sandbox },
    });
    expect(JSON.parse(stdout)).toMatchObject({
      code: 0,
      data: { flowInstanceId: '3377-20191122012300' },
    });
  });

  it('passes the conformance suite against the sandbox', async () => {
    const { stdout } = await conformance(urls.sandbox);
    expect(stdout).toMatch(/pass/i);
  }, 60_000);

  it("runs the conformance suite through the mock's validation proxy, which finds the sandbox's answers clean", async () => {
    // Prism answers an unsigned request itself (401, application/problem+json) and forwards a
    // re-serialised body (so an oversized or signed-as-spaced body changes on the way): those
    // few checks cannot pass through a proxy, so the run exits 1. What matters here is that
    // every answer the sandbox gave passed the proxy's own check: no VIOLATIONS 500.
    const proxy = await startProxy({ upstream: urls.sandbox, port: 0, answersOnly: true });
    try {
      const { stdout } = await conformance(proxy.url).catch((failed: { stdout: string }) => failed);
      const results = stdout.split('\n').filter((line) => /^(PASS|FAIL|WARN|SKIP)\s/.test(line));
      expect(results.length).toBeGreaterThan(20);
      expect(stdout).not.toMatch(/VIOLATIONS|got '500'/);
      for (const check of [
        /^PASS .*Trigger Flow · success/,
        /^PASS .*flowInstanceId starts with the triggered flowId/,
        /^PASS .*Trigger Flow · 62101/,
        /^PASS .*negative · wrong types/,
      ]) {
        expect(
          results.some((line) => check.test(line)),
          String(check),
        ).toBe(true);
      }
      const failed = results.filter((line) => line.startsWith('FAIL'));
      for (const line of failed) {
        expect(line).toMatch(/no APIM headers|Request size limit exceeded|every answer/);
      }
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('stops everything it started on Ctrl-C, leaving no process and no port', async () => {
    const pid = stack.pid as number;
    const started = await descendants(pid);
    expect(started.length).toBeGreaterThan(0); // Prism, the mock's child
    stack.kill('SIGINT');
    expect(await exitOf(stack)).toBe(0);
    for (const child of started) expect(isAlive(child), `process ${child}`).toBe(false);
    for (const url of Object.values(urls)) {
      expect(await isListening(portOf(url)), url).toBe(false);
    }
  }, 30_000);
});
