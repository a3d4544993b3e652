/**
 * Runs the built command (dist/cli.js) as a user would, with a report directory, and reads the
 * JUnit report back into rows the tests can assert on.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRow, parseJunit, type Row } from './junit.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliRun extends Spawned {
  rows: Row[];
  /** Every report file's text, by file name. */
  reports: Record<string, string>;
  row(titlePart: string | RegExp): Row;
}

export interface SpawnOptions {
  /** Kill the command and every process it started after this long (default: never). */
  timeoutMs?: number;
}

export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: { reports?: boolean } & SpawnOptions = {},
): Promise<CliRun> {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-report-'));
  try {
    const fullArgs = options.reports === false ? args : [...args, '--report-dir', dir];
    const spawned = await spawnCli(fullArgs, env, options);
    const reports: Record<string, string> = {};
    for (const name of await readdir(dir)) reports[name] = await readFile(join(dir, name), 'utf8');
    const rows = parseJunit(reports['junit.xml'] ?? '');
    return {
      ...spawned,
      rows,
      reports,
      row: (titlePart) => findRow(rows, titlePart),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface Spawned {
  code: number | null;
  /** The signal that ended it, if one did; `timedOut` when it was the test's own. */
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  elapsedMs: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the command in a process group of its own, so that a timeout ends it and its Dredd
 * worker together: a command that would run away (a 2 GB answer read whole, a server that never
 * answers) stays bounded in time and memory, and fails the test instead of the machine.
 */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
  options: SpawnOptions = {},
): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const killGroup = () => {
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            killGroup();
          }, options.timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      killGroup(); // a worker left behind, if any
      resolve({ code, signal, timedOut, elapsedMs: Date.now() - started, stdout, stderr });
    });
  });
}
