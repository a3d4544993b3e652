/**
 * The shared check behind each package's `test/test-projects.test.ts`: every test file that
 * starts a process or a server is in the `e2e` project of the package's `vitest.config.ts` (long
 * timeouts), and only those, so the `unit` project stays fast. Each package passes the pattern of
 * what starts a process there; the calling file, which names that pattern, is never counted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** The part of a vitest configuration this check reads. */
interface ProjectsConfig {
  test?: { projects?: unknown };
}

export interface TestProjectsOptions {
  /** The package's `vitest.config.ts`, as imported. */
  config: ProjectsConfig;
  /** The package's test folder, e.g. `new URL('./', import.meta.url)`. */
  testDir: URL;
  /** Matches the source of a test file that starts a process or a server. */
  startsProcess: RegExp;
  /**
   * Globs the `e2e` list must hold (files e2e by their folder); with them, every glob is left
   * out of the one-by-one comparison.
   */
  globsAllowed?: string[];
}

/** The file that calls this check: it names the pattern it looks for, and starts nothing. */
const CALLER = 'test-projects.test.ts';

export function checkTestProjects({
  config,
  testDir,
  startsProcess,
  globsAllowed,
}: TestProjectsOptions): void {
  const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[] } }[];
  const e2e = projects.find((project) => project.test.name === 'e2e')?.test.include ?? [];
  const starting = readdirSync(testDir)
    .filter((file) => file.endsWith('.test.ts') && file !== CALLER)
    .filter((file) => startsProcess.test(readFileSync(new URL(file, testDir), 'utf8')))
    .map((file) => `test/${file}`);
  const listed = globsAllowed ? e2e.filter((entry) => !entry.includes('*')) : [...e2e];
  expect(listed.sort(), 'E2E in vitest.config.ts').toEqual(starting.sort());
  for (const glob of globsAllowed ?? []) expect(e2e).toContain(glob);
}
