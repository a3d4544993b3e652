/**
 * Every test file that starts a process or a server, or runs the TypeScript compiler, is in the
 * `e2e` project (long timeouts), and only those: the `unit` project stays fast. Files under test/integration/ are e2e by
 * their folder; the others are listed one by one.
 */
import { describe, it } from 'vitest';
import { checkTestProjects } from '../../../scripts/test-support/test-projects.js';
import config from '../vitest.config.js';

/** What a test file uses when it starts a process or a server, or compiles a program. */
const SLOW =
  /\b(spawn|spawnSync|execFile|execFileSync|fork|createServer|startSandbox)\b|from 'typescript'/;

describe('the test projects', () => {
  it('put every test file that starts a process or compiles in e2e, and no other', () => {
    checkTestProjects({
      config,
      testDir: new URL('./', import.meta.url),
      startsProcess: SLOW,
      globsAllowed: ['test/integration/**/*.test.ts'],
    });
  });
});
