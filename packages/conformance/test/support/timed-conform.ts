/**
 * A conformance run in this process, as support/conform.ts runs it (the built package, a report
 * directory read back), that also notes when each piece of output was written: a test can then
 * tell what the run printed before a server saw its first request.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCli, runConformance, UsageError } from '../../dist/index.js';
import { findRow, parseJunit, type Row } from './junit.js';

export interface TimedRun {
  code: 0 | 1 | 2;
  output: string;
  rows: Row[];
  reports: Record<string, string>;
  row(titlePart: string | RegExp): Row;
  /** When the first output containing `text` was written (Date.now), or undefined. */
  printedAt(text: string): number | undefined;
}

export async function timedConform(args: string[], env: NodeJS.ProcessEnv): Promise<TimedRun> {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-behaviour-'));
  const written: { at: number; text: string }[] = [];
  let code: 0 | 1 | 2;
  try {
    const write = (text: string) => written.push({ at: Date.now(), text });
    try {
      const cli = parseCli([...args, '--report-dir', dir], env);
      if (cli.help) throw new Error('--help is not a run');
      code = await runConformance(cli.options, { write });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      write(error.message);
      code = 2;
    }
    const reports: Record<string, string> = {};
    for (const name of await readdir(dir)) reports[name] = await readFile(join(dir, name), 'utf8');
    const rows = parseJunit(reports['junit.xml'] ?? '');
    return {
      code,
      output: written.map((w) => w.text).join(''),
      rows,
      reports,
      row: (titlePart) => findRow(rows, titlePart),
      printedAt: (text) => written.find((w) => w.text.includes(text))?.at,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
