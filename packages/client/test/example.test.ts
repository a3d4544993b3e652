/** examples/trigger-flow.ts, the README's example, run as a user runs it: tsx, against the sandbox. */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = join(packageDir, '../../node_modules/.bin/tsx');

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

async function runExample(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      tsx,
      ['examples/trigger-flow.ts', ...args],
      {
        cwd: packageDir,
        env: { ...process.env, ENOS_BASE_URL: sandbox.url },
      },
    );
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
