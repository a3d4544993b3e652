/**
 * Every test file that starts a process or a server is in the `e2e` project (long timeouts),
 * and only those: the `unit` project stays fast.
 */
import { describe, it } from 'vitest';
import { checkTestProjects } from '../../../scripts/test-support/test-projects.js';
import config from '../vitest.config.js';

/** What a test file calls when it starts a process or a server. */
const STARTS_PROCESSES =
  /\b(spawn|spawnSync|execFile|execFileSync|startSandbox|openOffline|openServed|buildDocs|buildDocsHtml|createDocsServer)\(/;

describe('the test projects', () => {
  it('put every test file that starts a process in e2e, and no other', () => {
    checkTestProjects({
      config,
      testDir: new URL('./', import.meta.url),
      startsProcess: STARTS_PROCESSES,
    });
  });
});
