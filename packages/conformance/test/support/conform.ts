/**
 * A conformance run in this process, as the command would do it (parse the flags, run, exit
 * code), with its output captured and its JUnit report read back. It drives the built package
 * (dist), whose Dredd worker is a compiled file.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCli, runConformance, UsageError } from '../../dist/index.js';
import { findRow, parseJunit, type Row } from './junit.js';

export interface Conformed {
  code: 0 | 1 | 2;
  output: string;
  rows: Row[];
  reports: Record<string, string>;
  row(titlePart: string | RegExp): Row;
}

export async function conform(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Conformed> {
  const dir = await mkdtemp(join(tmpdir(), 'conformance-'));
  let output = '';
  let code: 0 | 1 | 2;
  try {
    try {
      const cli = parseCli([...args, '--report-dir', dir], env);
      if (cli.help) throw new Error('--help is not a run');
      code = await runConformance(cli.options, { write: (text: string) => (output += text) });
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      output += error.message;
      code = 2;
    }
    const reports: Record<string, string> = {};
    for (const name of await readdir(dir)) reports[name] = await readFile(join(dir, name), 'utf8');
    return withRows(code, output, reports);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function withRows(code: 0 | 1 | 2, output: string, reports: Record<string, string>): Conformed {
  const rows = parseJunit(reports['junit.xml'] ?? '');
  return {
    code,
    output,
    rows,
    reports,
    row: (titlePart) => findRow(rows, titlePart),
  };
}
