/**
 * Every test file that starts a process (the command, Dredd, Respect, the sandbox, Prism) is in
 * the `e2e` project (long timeouts), and only those: the `unit` project stays fast. A node:http
 * server in the test's own process (the read limits) does not count.
 */
import { describe, it } from 'vitest';
import { checkTestProjects } from '../../../scripts/test-support/test-projects.js';
import config from '../vitest.config.js';

/** What a test file calls when it starts a process, directly or through the test support. */
const STARTS_PROCESSES =
  /\b(spawn|spawnSync|execFile|execFileSync|fork|spawnCli|runCli|conform|runDredd|runRespect|runConformance|startSandbox|startMock|startSigningProxy|startBehaviourServer)\(/;

describe('the test projects', () => {
  it('put every test file that starts a process in e2e, and no other', () => {
    checkTestProjects({
      config,
      testDir: new URL('./', import.meta.url),
      startsProcess: STARTS_PROCESSES,
    });
  });
});
