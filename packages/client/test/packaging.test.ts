/**
 * The package as npm publishes it: `npm pack`, checked by @arethetypeswrong/cli and publint.
 * Installing it into an empty project and running it there, ESM and CommonJS, is the stack's
 * end-to-end test of every package's tarball (packages/stack/test/packs.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(packageDir, '../../node_modules/.bin', name);
const work = mkdtempSync(join(tmpdir(), 'enos-client-pack-'));
/** npm's settings of the workspace run that started the tests must not steer npm in here. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('npm_') || key === 'npm_config_cache',
  ),
);
const slow = { timeout: 120_000 };

let tarball: string;
beforeAll(async () => {
  const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--silent'], {
    cwd: packageDir,
    env,
  });
  tarball = join(work, stdout.trim().split('\n').at(-1) as string);
}, 60_000);
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
});

describe.concurrent('the packed package', () => {
  it('has types right for every resolution mode (attw)', slow, async () => {
    const { stdout } = await run(bin('attw'), [tarball, '--format', 'ascii', '--no-color'], {
      env,
    });
    expect(stdout).toMatch(/No problems found/);
  });

  it('passes publint strictly', slow, async () => {
    const { stdout } = await run(bin('publint'), ['run', tarball, '--strict'], { env });
    expect(stdout).toMatch(/All good/);
  });
});
