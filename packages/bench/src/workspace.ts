/**
 * Where things are: the repository root (for turbo and bench-results/) and the command-line
 * entry of a package, found through its own package.json `bin`, never by a guessed path.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface PackageJson {
  name?: string;
  workspaces?: unknown;
  bin?: string | Record<string, string>;
}

function readPackageJson(dir: string): PackageJson | undefined {
  const file = join(dir, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PackageJson) : undefined;
}

/** Walk up from `start` to the first folder whose package.json passes `test`. */
function findUp(start: string, test: (pkg: PackageJson) => boolean): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = readPackageJson(dir);
    if (pkg && test(pkg)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The monorepo's root: the first folder above this package declaring `workspaces`. */
export function repoRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findUp(here, (pkg) => pkg.workspaces !== undefined);
  if (!root) throw new Error(`No workspace root above ${here}: run the bench from the monorepo.`);
  return root;
}

/** The file a package's `bin` entry points at, e.g. binPath('dredd', 'dredd'). */
export function binPath(packageName: string, binName: string): string {
  let entry: string;
  try {
    entry = fileURLToPath(import.meta.resolve(packageName));
  } catch {
    throw new Error(`${packageName} is not installed: run npm install at the repository root.`);
  }
  const dir = findUp(dirname(entry), (pkg) => pkg.name === packageName);
  const bin = dir && readPackageJson(dir)?.bin;
  const file = typeof bin === 'string' ? bin : bin?.[binName];
  if (!dir || !file) throw new Error(`${packageName} has no "${binName}" command.`);
  const path = join(dir, file);
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist: build ${packageName} first (npm run build).`);
  }
  return path;
}

/** The environment of a child, with the root's node_modules/.bin first on PATH (for turbo). */
export function childEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const bin = join(repoRoot(), 'node_modules', '.bin');
  return { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, ...extra };
}
