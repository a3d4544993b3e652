/** Prism runs as a child whose process id is held, and is stopped by it: nothing is left. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { createInterface } from 'node:readline';
import { InvalidOptionError, PortInUseError, startMock, startProxy } from '@enos-trigger/mock';
import { describe, expect, it } from 'vitest';
import { eventually, isRunning, portIsFree, prismProcessesOnPort } from './support/processes.js';

const portOf = (url: string) => Number(new URL(url).port);

// Each of these starts its own Prism: run them side by side.
describe.concurrent('Prism processes', () => {
  it('close() stops Prism by its process id and frees the port', async ({ expect }) => {
    const mock = await startMock({ port: 0 });
    expect(isRunning(mock.pid)).toBe(true);
    await mock.close();
    expect(isRunning(mock.pid)).toBe(false);
    expect(await portIsFree(portOf(mock.url))).toBe(true);
    await expect(mock.close()).resolves.toBeUndefined();
  });

  it("keeps Prism's document file while Prism runs, and removes it once Prism has exited", async ({
    expect,
  }) => {
    // Prism watches its document; a file removed while that watch is set up crashes Prism.
    const mock = await startMock({ port: 0 });
    const commandLine = readFileSync(`/proc/${mock.pid}/cmdline`, 'utf8').split('\0');
    const document = commandLine.find((argument) => argument.endsWith('openapi.json'));
    expect(document).toBeDefined();
    expect(existsSync(document as string)).toBe(true);
    await mock.close();
    await eventually(() => !existsSync(document as string));
  });

  it('a port in use gives a PortInUseError naming the port and what to do', async ({ expect }) => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const error = await startMock({ port }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect((error as Error).message).toContain('--port');
      expect(prismProcessesOnPort(port)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  it('Prism ends when the process that started it is killed outright', async ({ expect }) => {
    const script =
      "import { startMock } from '@enos-trigger/mock';" +
      'const mock = await startMock({ port: 0 });' +
      'console.log(JSON.stringify({ pid: mock.pid, url: mock.url }));';
    const host = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(createInterface({ input: host.stdout }), 'line')) as [string];
    const prism = JSON.parse(line) as { pid: number; url: string };
    expect(isRunning(prism.pid)).toBe(true);
    host.kill('SIGKILL');
    await eventually(() => !isRunning(prism.pid));
    expect(await portIsFree(portOf(prism.url))).toBe(true);
  });
});

describe('options Prism cannot use are refused before it starts', () => {
  it.each([
    ['a port out of range', () => startMock({ port: 70_000 })],
    ['a fractional port', () => startMock({ port: 1.5 })],
    ['a seed without dynamic', () => startMock({ seed: 7 })],
    ['an empty host', () => startMock({ host: ' ' })],
    ['an upstream that is not a URL', () => startProxy({ upstream: 'apigw.example.com' })],
    ['an upstream that is not http(s)', () => startProxy({ upstream: 'ftp://example.com' })],
  ])('%s', async (_, start) => {
    await expect(start()).rejects.toBeInstanceOf(InvalidOptionError);
  });
});
