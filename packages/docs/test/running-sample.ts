/**
 * A sample started as a reader starts it (`sh file.sh`, or TypeScript through tsx), whose
 * output a test reads while it still runs: to move the sandbox's clock once the sample has
 * read a status, say. Its run is bounded: it is killed, by its pid, after `limitMs`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'vitest';
import { paths } from '../src/paths.js';

export interface RunningSample {
  stdout(): string;
  stderr(): string;
  /** The first line of stdout that matches, once the sample has written it. */
  line(pattern: RegExp): Promise<RegExpExecArray>;
  /** Its exit code; -1 when a signal (the time limit) ended it. */
  exited: Promise<number>;
  /** Kill it, by its pid, if it still runs. */
  stop(): void;
}

export function startSample(
  file: string,
  env: Record<string, string>,
  limitMs = 45_000,
): RunningSample {
  const [command, args] = file.endsWith('.ts')
    ? [process.execPath, ['--import', 'tsx', file]]
    : ['sh', [file]];
  const child: ChildProcess = spawn(command, args, {
    cwd: paths.packageRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      process.kill(child.pid, 'SIGKILL');
    }
  };
  const limit = setTimeout(stop, limitMs);
  const exited = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve(code ?? -1);
    });
  });
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    async line(pattern) {
      const find = () =>
        stdout
          .split('\n')
          .map((line) => pattern.exec(line))
          .find(Boolean);
      await expect
        .poll(() => find() !== undefined || child.exitCode !== null, {
          timeout: limitMs,
          interval: 50,
        })
        .toBe(true);
      const found = find();
      if (!found) {
        throw new Error(`${file} ended without a line ${pattern}: ${stdout}${stderr}`);
      }
      return found;
    },
    exited,
    stop,
  };
}
