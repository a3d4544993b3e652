/** enos-trigger-mock, the command: help, usage errors, start, stop by signal. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCatalog, gatewayErrors, successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, runCli } from './support/cli.js';
import { childrenOf, eventually, isRunning, portIsFree } from './support/processes.js';
import { exampleRequest, send } from './support/requests.js';
import { startUpstream, type Upstream } from './support/upstream.js';

const LISTENING = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/;
const STACK_FRAME = /^\s+at /m;

describe('--help', () => {
  it('prints the usage of both modes, with Prefer values of the contract, and exits 0', async () => {
    const { status, stdout, stderr } = await runCli(['--help']).finished;
    expect(status).toBe(0);
    expect(stderr).toBe('');
    const [businessError] = errorCatalog('triggerFlow');
    const [gatewayError] = gatewayErrors('triggerFlow');
    for (const usage of [
      'enos-trigger-mock [--contract FILE] [--host HOST] [--port PORT] [--dynamic] [--seed N]',
      'enos-trigger-mock proxy --upstream URL [--contract FILE] [--host HOST] [--port PORT]',
      `"Prefer: example=${businessError?.name}"`,
      `"Prefer: code=${gatewayError?.status}"`,
    ]) {
      expect(stdout).toContain(usage);
    }
  });
});

describe('a usage error', () => {
  it('exits 2 with the reason and a pointer to --help, not a stack trace', async () => {
    const { status, stdout, stderr } = await runCli(['--port', 'abc']).finished;
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'enos-trigger-mock: --port must be a number from 0 to 65535; got "abc".\n' +
        'Run enos-trigger-mock --help for the usage.\n',
    );
  });
});

describe('a port already in use', () => {
  let blocker: Server;
  beforeAll(() => {
    blocker = createServer();
    return new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => blocker.close());

  it('exits 1 with a message naming the port and what to do, not a stack trace', async () => {
    const { port } = blocker.address() as { port: number };
    const { status, stdout, stderr } = await runCli(['--port', String(port)]).finished;
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`enos-trigger-mock: Port ${port} on 127.0.0.1 is already in use`);
    expect(stderr).toContain('choose another port (--port');
    expect(stderr).not.toMatch(STACK_FRAME);
  });
});

describe('a contract it cannot serve', () => {
  it('exits 1 naming the file and what to do, not a stack trace, and starts no Prism', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'enos-mock-cli-'));
    try {
      const file = join(dir, 'notes.txt');
      writeFileSync(file, 'not a contract\n');
      const cli = runCli(['--contract', file, '--port', '0']);
      const { status, stdout, stderr } = await cli.finished;
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toContain(`enos-trigger-mock: The contract ${file} cannot be served:`);
      expect(stderr).toContain('Fix the file');
      expect(stderr).not.toMatch(STACK_FRAME);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Waits for the listening line; returns the URL it names. */
async function listeningUrl(cli: Running): Promise<string> {
  const match = LISTENING.exec(await cli.firstLine);
  if (!match?.[1]) throw new Error(`unexpected first line; stderr:\n${cli.stderr()}`);
  return match[1];
}

/** Sends the signal; checks the command exits 0, its Prism is gone and its port is free. */
async function expectStopsOn(signal: NodeJS.Signals, cli: Running, url: string): Promise<void> {
  const prism = childrenOf(cli.child.pid);
  expect(prism).toHaveLength(1);
  cli.child.kill(signal);
  const { status, stdout } = await cli.finished;
  expect(status).toBe(0);
  expect(stdout).toBe(`listening on ${url}\n`);
  expect(prism.filter(isRunning)).toEqual([]);
  expect(await portIsFree(Number(new URL(url).port))).toBe(true);
}

describe('the mock, started with --dynamic --seed and stopped with SIGINT', () => {
  let cli: Running;
  let url: string;
  beforeAll(async () => {
    cli = runCli(['--port', '0', '--dynamic', '--seed', '7']);
    url = await listeningUrl(cli);
  });
  afterAll(() => {
    if (cli?.child.exitCode === null) cli.child.kill('SIGKILL');
  });

  it('prints "listening on URL" once Prism answers', async () => {
    const answer = await send(url, exampleRequest('triggerFlow'));
    expect(answer.status).toBe(200);
  });

  it('answers with generated data, the same for the same seed', async () => {
    const first = await send(url, exampleRequest('triggerFlow'));
    const again = await send(url, exampleRequest('triggerFlow'));
    expect(first.json).not.toEqual(successExample('triggerFlow').value);
    expect(again.json).toEqual(first.json);
  });

  it('sends Prism request log to stderr', () => {
    expect(cli.stderr()).toContain('Prism is listening on');
  });

  it('stops Prism on SIGINT, exits 0 and frees the port', () => expectStopsOn('SIGINT', cli, url));
});

describe('the proxy, stopped with SIGTERM', () => {
  let upstream: Upstream;
  let cli: Running;
  let url: string;
  beforeAll(async () => {
    upstream = await startUpstream();
    cli = runCli(['proxy', '--upstream', upstream.url, '--port', '0']);
    url = await listeningUrl(cli);
  });
  afterAll(async () => {
    if (cli?.child.exitCode === null) cli.child.kill('SIGKILL');
    await upstream?.close();
  });

  it('reports an answer that violates the contract', async () => {
    upstream.reply({ status: 200, body: JSON.stringify({ code: 0, msg: 'OK', data: {} }) });
    const answer = await send(url, exampleRequest('triggerFlow'));
    expect(answer.status).toBe(500);
    expect(answer.json).toMatchObject({ validation: expect.any(Array) });
    await eventually(() => cli.stderr().includes('Request/Response not valid'));
  });

  it('stops Prism on SIGTERM, exits 0 and frees the port', () =>
    expectStopsOn('SIGTERM', cli, url));
});
