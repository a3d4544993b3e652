/**
 * enos-trigger-signing-proxy as a user runs it: the committed bin, the built command, secrets
 * from the environment. It prints where it listens, serves curl-like calls against the real
 * sandbox, never prints the secret or the token it got (in any form the redactor knows), and
 * stops on SIGTERM with exit 0. Wrong usage exits 2 and says what to give.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tokenEncryption } from '@enos-trigger/client';
import {
  conformanceFixtures,
  defaultFixtures,
  type Fixtures,
  startSandbox,
} from '@enos-trigger/sandbox';
import { operationRoute } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { secretForms } from '../src/results/redact.js';

const BIN = fileURLToPath(new URL('../bin/enos-trigger-signing-proxy.js', import.meta.url));
const SECRET = 'Hv7Qm2Xc9Lp4Tz8Rk3Wn';
const APP_KEY = 'cli-proxy-app';
const fixtures: Fixtures = { ...defaultFixtures, apps: [{ appKey: APP_KEY, appSecret: SECRET }] };
const offered = conformanceFixtures(fixtures);
if (!offered) throw new Error('the test fixtures offer no flow to trigger');
const { user, flowId } = offered;

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], env: Record<string, string>): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
  // A test that fails must not leave the proxy running.
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  void exited.then(() => clearTimeout(guard));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function listening(run: Running): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const found = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(run.stdout());
    if (found?.[1]) return found[1];
    if (run.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`the proxy did not start: ${run.stderr()}`);
}

describe('enos-trigger-signing-proxy', () => {
  it('serves signed calls, never prints the secret or the token, and stops on SIGTERM', async () => {
    const sandbox = await startSandbox({ port: 0, fixtures });
    try {
      const run = start(['--server', sandbox.url, '--app-key', APP_KEY], {
        ENOS_APP_SECRET: SECRET,
      });
      const url = await listening(run);
      const trigger = operationRoute('triggerFlow');
      const query = new URLSearchParams({
        ...trigger.fixedQuery,
        userId: user.userId,
        orgId: user.orgId,
      });
      const triggerTime = Math.floor(Date.now() / 60_000 - 90) * 60_000;
      const answer = await fetch(`${url}${trigger.path}?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ flowId, triggerTime }),
      });
      expect((await answer.json()).code).toBe(0);
      // A caller that puts the secret in its path: the log line shows it redacted.
      expect((await fetch(`${url}/x/${SECRET}`)).status).toBe(404);
      // The token the proxy got: asking again while it is valid gives the same one.
      const timestamp = Date.now();
      const token = operationRoute('getAccessToken');
      const tokenAnswer = await fetch(`${sandbox.url}${token.path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          appKey: APP_KEY,
          encryption: await tokenEncryption({ appKey: APP_KEY, appSecret: SECRET, timestamp }),
          timestamp,
        }),
      });
      const accessToken = (await tokenAnswer.json()).data.accessToken as string;
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      const output = run.stdout() + run.stderr();
      expect(output).toContain(`POST ${trigger.path} 200`);
      expect(output).toContain('GET /x/[redacted] 404 no-operation');
      for (const secret of [SECRET, accessToken]) {
        for (const form of secretForms(secret)) expect(output).not.toContain(form);
      }
    } finally {
      await sandbox.close();
    }
  });

  it.each([
    [[], {}, '--server is missing'],
    [
      ['--server', 'http://127.0.0.1:9'],
      { ENOS_APP_KEY: 'k' },
      '--app-secret (or ENOS_APP_SECRET)',
    ],
    [
      ['--server', 'ftp://x'],
      { ENOS_APP_KEY: 'k', ENOS_APP_SECRET: SECRET },
      'http:// or https://',
    ],
    [
      ['--server', 'http://127.0.0.1:9', '--port', '70000'],
      { ENOS_APP_KEY: 'k', ENOS_APP_SECRET: SECRET },
      '--port "70000"',
    ],
  ] as const)('exits 2 on %j, saying what to give', async (args, env, says) => {
    const run = start([...args], { ...env });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(says);
    expect(run.stderr()).toContain('--help');
    expect(run.stderr()).not.toContain(SECRET);
  });
});
