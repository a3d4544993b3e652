/**
 * examples/trigger-flow.ts (the README's example) and examples/trigger-and-wait.ts, run as a
 * user runs them: tsx, against the sandbox.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { defaultFixtures, type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(packageDir, '../../node_modules/.bin/tsx');

let sandbox: Sandbox;
/** Its own sandbox, whose flow 3377 runs 300 ms (not 30 s): trigger-and-wait.ts sees it end. */
let quick: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  quick = await startSandbox({
    port: 0,
    fixtures: {
      ...defaultFixtures,
      flows: defaultFixtures.flows.map((flow) =>
        flow.flowId === 3377 ? { ...flow, runMs: 300 } : flow,
      ),
    },
  });
});
afterAll(() => Promise.all([sandbox.close(), quick.close()]));

async function runExample(...args: string[]) {
  return run(sandbox, 'examples/trigger-flow.ts', ...args);
}

async function run(server: Sandbox, example: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(tsx, [example, ...args], {
      cwd: packageDir,
      env: { ...process.env, ENOS_BASE_URL: server.url },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe.concurrent('examples/trigger-flow.ts', () => {
  it('triggers flow 3377 of the sandbox with its default credentials', {
    timeout: 20_000,
  }, async () => {
    const { code, stdout } = await runExample();
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Triggered 3377-\d{12}00: flow 3377, /);
    expect(sandbox.flow(3377)?.instances).toHaveLength(1);
  });

  it('explains a business error and exits 1', { timeout: 20_000 }, async () => {
    const { code, stderr } = await runExample('4040');
    expect(code).toBe(1);
    expect(stderr).toMatch(/has no task yet/);
    expect(stderr).toMatch(/^business: EnOS refused flow 4040: 62104/m);
  });
});

describe.concurrent('examples/trigger-and-wait.ts', () => {
  it('triggers flow 3377, tells its statuses, and exits 0 when it ends SUCCESS', {
    timeout: 20_000,
  }, async () => {
    const { code, stdout } = await run(quick, 'examples/trigger-and-wait.ts');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^status: RUNNING$/m);
    expect(stdout).toMatch(/^3377-\d{12}00 ended SUCCESS\.$/m);
  });

  it('exits 1 when the trigger is refused: nothing started', { timeout: 20_000 }, async () => {
    const { code, stderr } = await run(quick, 'examples/trigger-and-wait.ts', '4040');
    expect(code).toBe(1);
    expect(stderr).toMatch(/^business: EnOS refused flow 4040: 62104 .*Nothing was started\.$/m);
  });
});
