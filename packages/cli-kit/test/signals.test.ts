/**
 * A command built on cli-kit, in its own process: how it ends on SIGINT and SIGTERM, and that
 * its exit code is the process's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const FIXTURE = fileURLToPath(new URL('./fixtures/serve.js', import.meta.url));

interface Started {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const started: ChildProcess[] = [];

function start(env: Record<string, string> = {}, args: string[] = []): Started {
  const child = spawn(process.execPath, [FIXTURE, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => stdout, stderr: () => stderr, exit };
}

/** The URL it prints once it listens: from then on its signal handlers are in place. */
async function listening(run: Started): Promise<string> {
  for (;;) {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.stdout())?.[1];
    if (url) return url;
    const early = await Promise.race([run.exit, new Promise((r) => setTimeout(r, 20, 'wait'))]);
    if (early !== 'wait') throw new Error(`exited ${early}: ${run.stderr()}`);
  }
}

afterEach(() => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});

describe('stopOnSignals', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s runs the stop and exits with its code (0)',
    async (signal) => {
      const run = start();
      const url = await listening(run);
      expect(await (await fetch(url)).text()).toBe('ok');
      run.child.kill(signal);
      expect(await run.exit, run.stderr()).toBe(0);
      expect(run.stderr()).toBe(`fixture-serve: ${signal}, closing the server.\n`);
    },
  );

  it('a second signal exits at once with 1', async () => {
    const run = start({ STOP_MS: '5000' });
    await listening(run);
    run.child.kill('SIGINT');
    await expect.poll(run.stderr).toContain('SIGINT, closing the server.');
    const sent = Date.now();
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(1);
    expect(Date.now() - sent).toBeLessThan(4000);
    expect(run.stderr()).toContain('fixture-serve: SIGINT again, stopping now.\n');
  });

  it('a stop that fails exits 1 and says why', async () => {
    const run = start({ STOP_FAILS: '1' });
    await listening(run);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain(
      'fixture-serve: could not stop cleanly: the server would not close\n',
    );
  });
});

describe('runCli in a process', () => {
  it('exits 1 on a CommandFailure, with its message alone', async () => {
    const run = start({ FAIL_TO_START: '1' });
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toBe('fixture-serve: Port 1 is already in use: choose another one.\n');
  });

  it('exits 0 on --help, with the usage on stdout', async () => {
    const run = start({}, ['--help']);
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toBe('Usage: fixture-serve\n');
  });

  it('exits 1 on an unexpected error, with its stack trace', async () => {
    const run = start({}, ['surprise']);
    expect(await run.exit).toBe(1);
    expect(run.stderr()).toContain('fixture-serve: unexpected error, a bug');
    expect(run.stderr()).toMatch(/Error: fixture-serve takes no arguments\n\s+at /);
  });
});
