/**
 * Child processes of a run: servers (started, waited for, stopped by their own pid) and timed
 * commands. Every child is bounded in time, and all still alive can be stopped at once when
 * the run is interrupted or runs out of time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const alive = new Set<ChildProcess>();
/** Stops of servers this module did not spawn itself (Prism, started by @enos-trigger/mock). */
const cleanups = new Set<() => Promise<void>>();

export interface StartedProcess {
  label: string;
  pid: number;
}

/** Every process the run started, so that anyone can check none is left behind. */
const startedProcesses: StartedProcess[] = [];

export function processesStarted(): readonly StartedProcess[] {
  return startedProcesses;
}

export class ProcessError extends Error {
  override name = 'ProcessError';
}

interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** How many of its last output lines to keep (default 40). */
  keepLines?: number;
}

/** The last lines a child printed, kept to explain a failure. */
function tail(child: ChildProcess, keep = 20): () => string {
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > keep) lines.shift();
    });
  }
  return () => lines.join('\n');
}

function start(
  label: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid !== undefined) startedProcesses.push({ label, pid: child.pid });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  return child;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM to the child's own pid; SIGKILL if it is still there after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (hasExited(child) || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (!hasExited(child) && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Remember a server started elsewhere, and how to stop it; call the returned function once it
 * has stopped.
 */
export function registerCleanup(server: StartedProcess, stop: () => Promise<void>): () => void {
  startedProcesses.push(server);
  cleanups.add(stop);
  return () => cleanups.delete(stop);
}

/** Stop every server and child still running (an interrupted or overdue run). */
export async function stopEverything(): Promise<void> {
  await Promise.allSettled([
    ...[...cleanups].map((stop) => stop()),
    ...[...alive].map((child) => stopChild(child, 2000)),
  ]);
}

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Start a server that prints `listening on URL` once it accepts connections (the sandbox's
 * CLI and this package's bare server both do), and wait for that line.
 */
export async function startServer(
  label: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): Promise<RunningServer> {
  const child = start(label, command, args, options);
  const output = tail(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ProcessError(`${label} did not start within ${options.timeoutMs} ms.`)),
        options.timeoutMs,
      );
      lines.on('line', (line) => {
        const found = /^listening on (http:\/\/\S+)/.exec(line);
        if (found) {
          clearTimeout(timer);
          resolve(found[1] as string);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new ProcessError(`${label} exited before listening (${signal ?? code}).`));
      });
      child.once('error', reject);
    });
    return { url, pid: child.pid as number, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    const last = output();
    throw new ProcessError(`${(error as Error).message}${last ? `\nIts output:\n${last}` : ''}`);
  }
}

export interface TimedRun {
  seconds: number;
  exitCode: number | null;
  /** The last lines it printed. */
  output: string;
}

/** Run a command to its end and time it (wall clock); stopped by pid past `timeoutMs`. */
export async function runTimed(
  label: string,
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): Promise<TimedRun> {
  const started = performance.now();
  const child = start(label, command, args, options);
  const output = tail(child, options.keepLines ?? 40);
  let overdue = false;
  const timer = setTimeout(() => {
    overdue = true;
    void stopChild(child, 2000);
  }, options.timeoutMs);
  const [exitCode] = (await once(child, 'exit')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  clearTimeout(timer);
  if (overdue) {
    throw new ProcessError(`${label} took over ${options.timeoutMs} ms and was stopped.`);
  }
  return { seconds, exitCode, output: output() };
}
