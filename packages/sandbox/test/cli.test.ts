/** The built command line, run as a user runs it. */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultFixtures, startSandbox } from '../src/index.js';
import { APP, callOperation, envelope, getToken, trigger } from './support/enos.js';
import { send } from './support/http.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** What npm links into node_modules/.bin: the committed entry that loads dist/cli.js. */
const BIN = fileURLToPath(new URL('../bin/enos-trigger-sandbox.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sandbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

/** Run the CLI through node, or (`direct`) as the executable npm links into node_modules/.bin. */
function run(args: string[], direct = false): Run {
  const [command, argv] = direct ? [BIN, args] : [process.execPath, [CLI, ...args]];
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

async function listening(r: Run): Promise<string> {
  for (;;) {
    const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(r.stdout());
    if (match?.[1]) return match[1];
    const early = await Promise.race([r.exit, new Promise((res) => setTimeout(res, 20, 'wait'))]);
    if (early !== 'wait') throw new Error(`exited ${early}: ${r.stderr()}`);
  }
}

describe('enos-trigger-sandbox', () => {
  it('runs as an executable and --help lists every option, exiting 0', async () => {
    const r = run(['--help'], true);
    expect(await r.exit, r.stderr()).toBe(0);
    for (const flag of [
      '--host',
      '--port',
      '--fixtures',
      '--body-limit',
      '--timestamp-window',
      '--clock',
      '--clock-start',
      '--time-zone',
      '--log-requests',
    ]) {
      expect(r.stdout()).toContain(flag);
    }
  });

  it('exits 2 on wrong usage, pointing to --help', async () => {
    const r = run(['--port', 'abc']);
    expect(await r.exit).toBe(2);
    expect(r.stderr()).toContain('--port must be a whole number');
    expect(r.stderr()).toContain('--help');
  });

  it('exits 2 on a time zone it cannot read, saying which zones it takes', async () => {
    const r = run(['--port', '0', '--time-zone', 'Mars/Olympus_Mons']);
    expect(await r.exit).toBe(2);
    expect(r.stderr()).toContain('--time-zone must be UTC, GMT');
    expect(r.stderr()).toContain('IANA time zone name');
    expect(r.stderr()).toContain('"Mars/Olympus_Mons"');
    expect(r.stdout()).not.toContain('listening');
  });

  it('writes the string times of an instance in the --time-zone it is given', async () => {
    const start = Date.UTC(2024, 0, 1);
    const r = run([
      '--port',
      '0',
      '--clock',
      'manual',
      '--clock-start',
      String(start),
      '--time-zone',
      'GMT+8',
    ]);
    try {
      const url = await listening(r);
      const token = await getToken(url);
      const flowId = defaultFixtures.flows[0]?.flowId as number;
      const triggered = envelope(await trigger(url, token, flowId, start));
      const { flowInstanceId } = triggered.data as { flowInstanceId: string };
      // The instance ID keeps the UTC minute; the string times move to the zone.
      expect(flowInstanceId).toBe(`${flowId}-20240101000000`);
      const got = envelope(
        await callOperation(url, token, 'getFlowInstance', {
          query: [['flowInstId', flowInstanceId]],
        }),
      );
      expect(got.data).toMatchObject({ triggerTime: '2024-01-01 08:00:00' });
    } finally {
      r.child.kill('SIGTERM');
      await r.exit;
    }
  });

  it('exits 1 naming the bad entry of a fixtures file', async () => {
    const bad = JSON.parse(JSON.stringify(defaultFixtures));
    bad.flows[2].hasTasks = 'no';
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = run(['--port', '0', '--fixtures', file]);
    expect(await r.exit).toBe(1);
    expect(r.stderr()).toContain(`${file}: flows[2].hasTasks`);
    expect(r.stdout()).not.toContain('listening');
  });

  it('exits 1 when the port is in use', async () => {
    const taken = await startSandbox({ port: 0 });
    try {
      const r = run(['--port', String(taken.port)]);
      expect(await r.exit).toBe(1);
      expect(r.stderr()).toContain('in use');
    } finally {
      await taken.close();
    }
  });

  it('serves its fixtures on a manual clock, logs without secrets, and stops on SIGTERM after in-flight requests', async () => {
    const fixtures = {
      ...defaultFixtures,
      flows: [{ flowId: 5, owner: 'sandbox-user', hasTasks: true }],
    };
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(fixtures));
    const r = run([
      '--port',
      '0',
      '--fixtures',
      file,
      '--clock',
      'manual',
      '--clock-start',
      '2024-01-01T00:00:00Z',
      '--log-requests',
    ]);
    const url = await listening(r);
    const clock = await send(url, { method: 'GET', path: '/__sandbox/clock' });
    expect(clock.json).toMatchObject({ kind: 'manual', iso: '2024-01-01T00:00:00.000Z' });
    const token = await getToken(url);
    expect(envelope(await trigger(url, token, 5, 0)).code).toBe(0);
    const forger = 'ghost\nPOST /forged 200\u001b[31m';
    expect(envelope(await trigger(url, token, 5, 0, forger)).code).toBe(62101);

    const slow = await send(url, {
      path: '/__sandbox/faults',
      headers: { 'content-type': 'application/json' },
      body: '{"type":"slow","delayMs":600000}',
    });
    expect(slow.status).toBe(201);
    const held = trigger(url, token, 5, 60_000);
    // Wait until the request is held: the one-call fault is used up by it.
    for (;;) {
      const faults = await send(url, { method: 'GET', path: '/__sandbox/faults' });
      if ((faults.json as { faults: unknown[] }).faults.length === 0) break;
    }
    r.child.kill('SIGTERM');
    expect(envelope(await held).code).toBe(0);
    expect(await r.exit, r.stderr()).toBe(0);
    expect(r.stdout()).toMatch(/POST \/batch-processing-service\/v2\.1\/flows 200/);
    // A userId cannot start a line of its own or colour the terminal.
    expect(r.stdout()).toContain('no user "ghost\\nPOST /forged 200\\x1b[31m"');
    expect(r.stdout()).not.toMatch(/^POST \/forged/m);
    expect(r.stdout()).not.toContain('\u001b');
    expect(r.stdout() + r.stderr()).not.toContain(APP.appSecret);
    expect(r.stdout() + r.stderr()).not.toContain(token);
  });

  it('stops on SIGINT with exit 0', async () => {
    const r = run(['--port', '0']);
    await listening(r);
    r.child.kill('SIGINT');
    expect(await r.exit, r.stderr()).toBe(0);
  });
});
