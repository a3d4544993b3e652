/**
 * Every test file that starts a process or a server is in the `e2e` project (long timeouts),
 * and only those: the `unit` project stays fast.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';

/** What a test file uses when it starts a process (Redocly, here) or a server. */
const STARTS_PROCESSES = /from 'node:child_process'|\bcreateServer\(/;

const projects = (config.test?.projects ?? []) as { test: { name: string; include: string[] } }[];
const e2e = projects.find((project) => project.test.name === 'e2e')?.test.include ?? [];

describe('the test projects', () => {
  it('put every test file that starts a process in e2e, and no other', () => {
    const dir = new URL('./', import.meta.url);
    const starting = readdirSync(dir)
      // This file names the pattern it looks for, and starts nothing.
      .filter((file) => file.endsWith('.test.ts') && file !== 'test-projects.test.ts')
      .filter((file) => STARTS_PROCESSES.test(readFileSync(new URL(file, dir), 'utf8')))
      .map((file) => `test/${file}`);
    expect([...e2e].sort(), 'E2E in vitest.config.ts').toEqual(starting.sort());
  });
});
