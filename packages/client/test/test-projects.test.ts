/**
 * Every test file that starts a process or a server, or runs the TypeScript compiler, is in the
 * `e2e` project (long timeouts), and only those: the `unit` project stays fast. Files under test/integration/ are e2e by
 * their folder; the others are listed one by one.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';

/** What a test file uses when it starts a process or a server, or compiles a program. */
const SLOW =
  /\b(spawn|spawnSync|execFile|execFileSync|fork|createServer|startSandbox)\b|from 'typescript'/;

const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[] } }[];
const e2e = projects.find((project) => project.test.name === 'e2e')?.test.include ?? [];

describe('the test projects', () => {
  it('put every test file that starts a process or compiles in e2e, and no other', () => {
    const dir = new URL('./', import.meta.url);
    const starting = readdirSync(dir)
      // This file names the pattern it looks for, and starts nothing.
      .filter((file) => file.endsWith('.test.ts') && file !== 'test-projects.test.ts')
      .filter((file) => SLOW.test(readFileSync(new URL(file, dir), 'utf8')))
      .map((file) => `test/${file}`);
    const listed = e2e.filter((entry) => !entry.includes('*'));
    expect(listed.sort(), 'E2E in vitest.config.ts').toEqual(starting.sort());
    expect(e2e).toContain('test/integration/**/*.test.ts');
  });
});
