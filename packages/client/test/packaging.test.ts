/**
 * The package as npm publishes it: `npm pack`, checked by @arethetypeswrong/cli and publint,
 * then installed into an empty project and run there, ESM and CommonJS, against the sandbox.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(packageDir, '../../node_modules/.bin', name);
const work = mkdtempSync(join(tmpdir(), 'enos-client-pack-'));
const project = join(work, 'project');
/** npm's settings of the workspace run that started the tests must not steer npm in here. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !key.startsWith('npm_') || key === 'npm_config_cache',
  ),
);
const slow = { timeout: 120_000 };

let sandbox: Sandbox;
let tarball: string;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--silent'], {
    cwd: packageDir,
    env,
  });
  tarball = join(work, stdout.trim().split('\n').at(-1) as string);
}, 60_000);
afterAll(async () => {
  await sandbox.close();
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

  it('installs into an empty project and triggers, from ESM and from CommonJS', slow, async () => {
    rmSync(project, { recursive: true, force: true });
    mkdirSync(project, { recursive: true });
    writeFileSync(join(project, 'package.json'), '{ "name": "probe", "private": true }\n');
    // openapi-fetch comes from npm's cache when it is there (it is after `npm ci`).
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
      {
        cwd: project,
        env,
      },
    );
    // Each script triggers, builds the raw client, and prints what it got as JSON.
    const trigger = (flowId: number, helpers = 'undefined') => `
      const client = createTriggerFlowClient({
        baseUrl: process.env.ENOS_BASE_URL, appKey: 'sandbox-app-key', appSecret: 'sandbox-app-secret',
        userId: 'sandbox-user', orgId: 'sandbox-org',
      });
      const result = await client.triggerFlow({ flowId: ${flowId}, triggerTime: 1574385824000 });
      const raw = createRawClient(client);
      const helpers = ${helpers};
      console.log(JSON.stringify({ result, raw: typeof raw.POST, unwrap: typeof unwrap, helpers }));`;
    writeFileSync(
      join(project, 'esm.mjs'),
      `import { createTriggerFlowClient, unwrap } from '@enos-trigger/client';
       import { createRawClient } from '@enos-trigger/client/raw';
       ${trigger(3377)}`,
    );
    // The conformance suite's Dredd hooks are CommonJS and sign with the exported helpers.
    const helpers = `{
      signature: await requestSignature({ accessToken: 't', query: { a: '1' }, body: '{}', timestamp: 1, appSecret: 's' }),
      parts: parseFlowInstanceId('2791-20191122012300'),
    }`;
    writeFileSync(
      join(project, 'cjs.cjs'),
      `const { createTriggerFlowClient, unwrap, requestSignature, parseFlowInstanceId } = require('@enos-trigger/client');
       const { createRawClient } = require('@enos-trigger/client/raw');
       (async () => { ${trigger(2791, helpers)} })();`,
    );
    const runInProject = async (file: string) => {
      const { stdout } = await run('node', [file], {
        cwd: project,
        env: { ...env, ENOS_BASE_URL: sandbox.url },
      });
      return JSON.parse(stdout);
    };
    const [esm, cjs] = await Promise.all([runInProject('esm.mjs'), runInProject('cjs.cjs')]);
    expect(esm).toMatchObject({
      result: { ok: true, flowInstanceId: '3377-20191122012300' },
      raw: 'function',
      unwrap: 'function',
    });
    expect(cjs).toMatchObject({
      result: { ok: true, flowInstanceId: '2791-20191122012300' },
      raw: 'function',
      unwrap: 'function',
      helpers: {
        signature: createHash('sha256').update('ta1{}1s').digest('hex'),
        parts: { flowId: 2791, instant: '2019-11-22T01:23:00.000Z' },
      },
    });
  });
});
