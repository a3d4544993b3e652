/**
 * The whole toolkit as a newcomer meets it: start the stack the way `npm start` does, use it
 * through the client example, the curl sample, the conformance suite and the docs page, then
 * stop it and check that nothing is left behind.
 */
import type { ChildProcess } from 'node:child_process';
import { parseFlowInstanceId } from '@enos-trigger/client';
import { startProxy } from '@enos-trigger/mock';
import { defaultFixtures } from '@enos-trigger/sandbox';
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

/**
 * The conformance CLI that `npm run conformance` runs, with the sandbox's credentials.
 * @param flags the flow flags (flow 2791 unless given)
 */
const conformance = (server: string, flags: string[] = ['--flow-id', '2791']) =>
  run(process.execPath, [conformanceCli, '--server', server, ...flags], {
    cwd: repoRoot,
    env: { ...process.env, ENOS_APP_KEY: 'sandbox-app-key', ENOS_APP_SECRET: 'sandbox-app-secret' },
  });

/** The flags of the banner's conformance command against the sandbox, as `name: value`. */
function bannerConformanceFlags(): Record<string, string> {
  const command = banner.match(
    new RegExp(`npm run conformance -- --server ${urls.sandbox} \\\\\\n\\s*(.*)$`, 'm'),
  );
  if (!command?.[1]) throw new Error(`no conformance command for the sandbox in:\n${banner}`);
  return Object.fromEntries(
    [...command[1].matchAll(/--([a-z-]+) (\S+)/g)].map(([, name, value]) => [name, value]),
  ) as Record<string, string>;
}

beforeAll(async () => {
  stack = spawnStack();
  banner = await waitForOutput(stack, /Ctrl-C[\s\S]*--flow-id <flowId>/);
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

  it("gives the conformance command every flow the sandbox's fixtures offer it", () => {
    const flags = bannerConformanceFlags();
    const flow = (name: string) =>
      defaultFixtures.flows.find((candidate) => String(candidate.flowId) === flags[name]);
    const main = flow('flow-id');
    const owner = defaultFixtures.users.find((user) => user.userId === main?.owner);
    expect(main).toMatchObject({ hasTasks: true });
    expect(main?.locked).toBeFalsy();
    expect(owner?.locked).toBeFalsy();
    // 62104: a flow of the same owner without tasks; 62103: a flow of another user.
    expect(flow('no-task-flow-id')).toMatchObject({ owner: main?.owner, hasTasks: false });
    const foreign = flow('foreign-flow-id');
    expect(foreign?.owner).toBeDefined();
    expect(foreign?.owner).not.toBe(main?.owner);
    // 62106: a locked flow of the same owner; 62105: a locked user.
    expect(flow('locked-flow-id')).toMatchObject({ owner: main?.owner, locked: true });
    expect(defaultFixtures.users.find((u) => u.userId === flags['locked-user-id'])).toMatchObject({
      locked: true,
    });
    // 62103 of the instance operations: another user of the owner's organization.
    const other = defaultFixtures.users.find((u) => u.userId === flags['foreign-user-id']);
    expect(other?.orgId).toBe(owner?.orgId);
    expect(other?.userId).not.toBe(main?.owner);
    expect(Object.keys(flags).sort()).toEqual([
      'flow-id',
      'foreign-flow-id',
      'foreign-user-id',
      'locked-flow-id',
      'locked-user-id',
      'no-task-flow-id',
    ]);
  });

  it('serves the docs page', async () => {
    const page = await fetch(urls.docs);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Trigger Flow');
  });

  it("runs the banner's client example against the sandbox, on a flow of its own", async () => {
    const [, flow] =
      /npx tsx packages\/client\/examples\/trigger-flow\.ts (\d+)$/m.exec(banner) ?? [];
    // The curl sample triggers flow 3377 now; the example triggers another, so both succeed.
    expect(flow).toBeDefined();
    expect(flow).not.toBe('3377');
    const example = ['tsx', 'packages/client/examples/trigger-flow.ts', flow as string];
    const { stdout } = await run('npx', example, {
      cwd: repoRoot,
      env: { ...process.env, ENOS_BASE_URL: urls.sandbox },
    });
    expect(stdout).toMatch(new RegExp(`^Triggered ${flow}-\\d{14}: flow ${flow}`, 'm'));
  });

  it('runs the curl sample against the sandbox, which triggers flow 3377 now', async () => {
    const minute = (time: number) => Math.floor(time / 60_000) * 60_000;
    const before = minute(Date.now());
    const { stdout } = await run('sh', ['packages/docs/samples/trigger-flow.sh'], {
      cwd: repoRoot,
      env: { ...process.env, ENOS_BASE_URL: urls.sandbox },
    });
    const after = minute(Date.now());
    const answer = JSON.parse(stdout) as { code: number; data: { flowInstanceId: string } };
    expect(answer.code).toBe(0);
    // The instance ID holds the minute of the trigger time: the minute the sample ran in.
    const parts = parseFlowInstanceId(answer.data.flowInstanceId);
    expect(parts?.flowId).toBe(3377);
    expect([before, after]).toContain(parts?.instant.getTime());
  });

  it("passes the conformance suite against the sandbox with the banner's command, 62103 to 62106 included", async () => {
    const flags = Object.entries(bannerConformanceFlags()).flatMap(([name, value]) => [
      `--${name}`,
      value,
    ]);
    const { stdout } = await conformance(urls.sandbox, flags);
    expect(stdout).toMatch(/pass/i);
    for (const code of [62103, 62104, 62105, 62106]) {
      expect(stdout, `the ${code} check ran`).toMatch(
        new RegExp(`^PASS .*Trigger Flow · ${code}`, 'm'),
      );
      expect(stdout).not.toMatch(new RegExp(`^SKIP .*Trigger Flow · ${code}`, 'm'));
    }
    // The instance operations' 62103 (--foreign-user-id) and Cancel's 62105 (--locked-user-id).
    for (const operation of ['Get Flow Instance', 'List Flow Instances', 'Cancel Flow Instance']) {
      expect(stdout).toMatch(new RegExp(`^PASS .*${operation} · 62103`, 'm'));
    }
    expect(stdout).toMatch(/^PASS .*Cancel Flow Instance · 62105/m);
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
