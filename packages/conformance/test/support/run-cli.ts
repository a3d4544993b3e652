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

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  rows: Row[];
  /** Every report file's text, by file name. */
  reports: Record<string, string>;
  row(titlePart: string | RegExp): Row;
}

export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: { reports?: boolean } = {},
): Promise<CliRun> {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-report-'));
  try {
    const fullArgs = options.reports === false ? args : [...args, '--report-dir', dir];
    const { code, stdout, stderr } = await spawnCli(fullArgs, env);
    const reports: Record<string, string> = {};
    for (const name of await readdir(dir)) reports[name] = await readFile(join(dir, name), 'utf8');
    const rows = parseJunit(reports['junit.xml'] ?? '');
    return {
      code,
      stdout,
      stderr,
      rows,
      reports,
      row: (titlePart) => findRow(rows, titlePart),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
