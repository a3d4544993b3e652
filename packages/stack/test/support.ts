import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
export const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const conformanceCli = fileURLToPath(
  new URL('../../conformance/dist/cli.js', import.meta.url),
);

export const run = promisify(execFile);

/** The stack's CLI, as `npm start` runs it, on free ports unless told otherwise. */
export function spawnStack(env: Record<string, string> = {}, args: string[] = []): ChildProcess {
  return spawn(process.execPath, [cli, ...args], {
    cwd: repoRoot,
    env: { ...process.env, DOCS_PORT: '0', MOCK_PORT: '0', SANDBOX_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with everything printed up to and including the line that matches. */
export async function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  let seen = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      seen += chunk;
      if (pattern.test(seen)) resolve(seen);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code} before ${pattern}:\n${seen}`)));
  });
}

export async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = await once(child, 'exit');
  return code as number | null;
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether a process with this id still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The ids of every process descended from `pid` (Linux /proc, through `ps`). */
export async function descendants(pid: number): Promise<number[]> {
  const { stdout } = await run('ps', ['-e', '-o', 'pid=,ppid=']);
  const children = new Map<number, number[]>();
  for (const line of stdout.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const visit = (id: number) => {
    for (const child of children.get(id) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/**
 * Run a long-lived shell command in its own process group until it prints `listening on URL`,
 * hand the URL to `use`, then stop the whole group by its id.
 */
export async function whileListening(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv },
  use: (url: string) => Promise<void>,
): Promise<void> {
  const child = spawn('sh', ['-c', command], {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  try {
    const output = await waitForOutput(child, /listening on http:\/\/127\.0\.0\.1:\d+/);
    await use(output.match(/http:\/\/127\.0\.0\.1:\d+/)?.[0] as string);
  } finally {
    // A command that has already ended has no group left to stop (ESRCH); the error that ended
    // the test, not that one, is what should be reported.
    try {
      process.kill(-(child.pid as number), 'SIGTERM');
    } catch {}
  }
}
