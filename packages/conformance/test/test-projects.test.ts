/**
 * Every test file that starts a process (the command, Dredd, Respect, the sandbox, Prism) is in
 * the `e2e` project (long timeouts), and only those: the `unit` project stays fast. A node:http
 * server in the test's own process (the read limits) does not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';

/** What a test file calls when it starts a process, directly or through the test support. */
const STARTS_PROCESSES =
  /\b(spawn|spawnSync|execFile|execFileSync|fork|spawnCli|runCli|conform|runDredd|runRespect|runConformance|startSandbox|startMock|startSigningProxy|startBehaviourServer)\(/;

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
