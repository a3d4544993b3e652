/** Child processes are bounded in time, explained when they fail, and stopped by their pid. */
import { describe, expect, it } from 'vitest';
import { ProcessError, runTimed, startServer, stopEverything } from '../src/processes.js';
import { isAlive } from './support/alive.js';

const node = process.execPath;
const LISTENING_SERVER = `
const server = require('node:http').createServer((q, r) => r.end('ok'));
server.listen(0, '127.0.0.1', () => console.log('listening on http://127.0.0.1:' + server.address().port));`;

describe('startServer', () => {
  it('gives the URL the server printed, and stop() ends that process', async () => {
    const server = await startServer('test server', node, ['-e', LISTENING_SERVER], {
      timeoutMs: 20_000,
    });
    expect(await (await fetch(server.url)).text()).toBe('ok');
    await server.stop();
    expect(isAlive(server.pid)).toBe(false);
  });

  it('fails with the output of a server that exits before listening', async () => {
    const start = startServer(
      'broken server',
      node,
      ['-e', 'console.error("no fixtures"); process.exit(3)'],
      {
        timeoutMs: 20_000,
      },
    );
    await expect(start).rejects.toThrow(ProcessError);
    await expect(start).rejects.toThrow(
      /broken server exited before listening \(3\)[\s\S]*no fixtures/,
    );
  });

  it('stops a server that never says it listens, once its time is up', async () => {
    const start = startServer('silent server', node, ['-e', 'setInterval(() => {}, 1000)'], {
      timeoutMs: 500,
    });
    await expect(start).rejects.toThrow(/silent server did not start within 500 ms/);
  });
});

describe('runTimed', () => {
  it('times a command and keeps its exit code and last lines', async () => {
    const run = await runTimed('echo', node, ['-e', 'console.log("done"); process.exit(1)'], {
      timeoutMs: 20_000,
    });
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain('done');
    expect(run.seconds).toBeGreaterThan(0);
  });

  it('stops a command that overruns its time, and says so', async () => {
    const run = runTimed('endless', node, ['-e', 'setInterval(() => {}, 1000)'], {
      timeoutMs: 300,
    });
    await expect(run).rejects.toThrow(/endless took over 300 ms and was stopped/);
  });
});

describe('stopEverything', () => {
  it('stops every server still running', async () => {
    const servers = await Promise.all(
      [1, 2].map(() =>
        startServer('test server', node, ['-e', LISTENING_SERVER], { timeoutMs: 20_000 }),
      ),
    );
    await stopEverything();
    expect(servers.filter((server) => isAlive(server.pid))).toEqual([]);
  });
});
