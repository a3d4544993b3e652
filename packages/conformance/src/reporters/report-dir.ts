/**
 * The --report-dir, made ready before the run sends anything: created if it is missing, and
 * proven writable by writing and removing a probe file. A directory that cannot be written is a
 * configuration error (exit 2), said at once with the reason, not after the run.
 *
 * Node's own `mkdir(dir, { recursive: true })` is not used: where a directory cannot be created
 * although its parent exists (a path under /proc, for one), it answers ENOENT, tries the parent
 * again, and loops for ever at full CPU. Here each missing directory is created once, from the
 * deepest one that exists, and the first error is the answer.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../config/usage-error.js';
import type { Redactor } from '../results/redact.js';

/** Why a directory cannot be used, in words, by the error's code. */
const WHY: Record<string, string> = {
  ENOENT: 'a directory cannot be created there',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'it is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'the path has a loop of symbolic links',
  EINVAL: 'the path is not valid there',
};

/** A directory that cannot be created or written: why, and the error's code. */
export class ReportDirError extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
  ) {
    super(`${WHY[code] ?? 'it cannot be written'} (${code})`);
    this.name = 'ReportDirError';
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException)?.code ?? 'EIO';
}

/** Create `dir` and any missing parent, each once; never loops. */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    let exists: boolean;
    try {
      const found = await stat(current);
      if (!found.isDirectory()) {
        throw new ReportDirError(dir, current === resolve(dir) ? 'EEXIST' : 'ENOTDIR');
      }
      exists = true;
    } catch (error) {
      if (error instanceof ReportDirError) throw error;
      if (codeOf(error) !== 'ENOENT') throw new ReportDirError(dir, codeOf(error));
      exists = false;
    }
    if (exists) break;
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const path of missing) {
    try {
      await mkdir(path);
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw new ReportDirError(dir, codeOf(error));
    }
  }
}

/**
 * Write the files, each `[name, text]`, into `dir` (created if missing), every text through the
 * run's redactor once more. Their paths.
 */
export async function writeRedacted(
  dir: string,
  files: [name: string, text: string][],
  redactor: Redactor,
): Promise<string[]> {
  await makeDirectory(dir);
  const paths: string[] = [];
  for (const [name, text] of files) {
    const path = join(dir, name);
    await writeFile(path, redactor.redact(text), 'utf8');
    paths.push(path);
  }
  return paths;
}

/**
 * Make `dir` ready for the reports, or throw a UsageError naming --report-dir, the path and why
 * it cannot be used.
 */
export async function reportDirReady(dir: string): Promise<void> {
  try {
    await makeDirectory(dir);
    const probe = join(
      dir,
      `.enos-trigger-conformance-${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    try {
      await writeFile(probe, 'probe\n', { flag: 'wx' });
    } catch (error) {
      throw new ReportDirError(dir, codeOf(error));
    }
    await rm(probe, { force: true });
  } catch (error) {
    if (!(error instanceof ReportDirError)) throw error;
    throw new UsageError(
      `--report-dir ${dir} cannot be written: ${error.message}. Give a directory the run may create and write.`,
    );
  }
}
