/**
 * The commands the READMEs print for a checkout, run as printed from the repository root after
 * `npm ci` and a build (in CI: a fresh clone). npm links a workspace's bins at install time, so
 * each bin is a committed entry file that loads the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, run, whileListening } from './support.js';

/** npm as a person runs it in a terminal, not inside the workspace's own `npm test`. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')),
);

/** A command as printed, started from the repository root. */
const whileRunning = (command: string, use: (url: string) => Promise<void>) =>
  whileListening(command, { cwd: repoRoot, env }, use);

function printedIn(file: string, command: string): boolean {
  return readFileSync(join(repoRoot, file), 'utf8').includes(command);
}

describe('the commands the READMEs print, from the repository root', () => {
  it('npx enos-trigger-sandbox --port 0', async () => {
    const command = 'npx enos-trigger-sandbox --port 0';
    expect(
      printedIn('README.md', command) && printedIn('packages/sandbox/README.md', command),
    ).toBe(true);
    await whileRunning(command, async (url) => {
      expect((await fetch(`${url}/__sandbox/flows`)).status).toBe(200);
      // The client example's header starts the sandbox this way, then runs the example.
      const { stdout } = await run('npx', ['tsx', 'packages/client/examples/trigger-flow.ts'], {
        cwd: repoRoot,
        env: { ...env, ENOS_BASE_URL: url },
      });
      expect(stdout).toMatch(/^Triggered 3377-\d{14}/m);
    });
  });

  it('npx enos-trigger-mock --port 0', async () => {
    const command = 'npx enos-trigger-mock --port 0';
    expect(printedIn('packages/mock/README.md', command)).toBe(true);
    await whileRunning(command, async (url) => {
      const answer = await fetch(`${url}/batch-processing-service/v2.1/flows?action=trigger`, {
        method: 'POST',
      });
      expect(answer.status).toBeGreaterThanOrEqual(400);
    });
  });

  it('npx enos-trigger-signing-proxy --server <the sandbox>', async () => {
    const command = 'npx enos-trigger-signing-proxy --server';
    expect(
      printedIn('README.md', command) && printedIn('packages/conformance/README.md', command),
    ).toBe(true);
    await whileRunning('npx enos-trigger-sandbox --port 0', async (sandbox) => {
      const proxyEnv = {
        ...env,
        ENOS_APP_KEY: 'sandbox-app-key',
        ENOS_APP_SECRET: 'sandbox-app-secret',
      };
      await whileListening(
        `${command} ${sandbox}`,
        { cwd: repoRoot, env: proxyEnv },
        async (url) => {
          // An unsigned call, as curl sends it; the proxy signs it. A past minute of its own.
          const triggerTime = Date.now() - (60 + Math.floor(Math.random() * 1000)) * 60_000;
          const answer = await fetch(
            `${url}/batch-processing-service/v2.1/flows?action=trigger&userId=sandbox-user&orgId=sandbox-org`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ flowId: 3377, triggerTime }),
            },
          );
          expect(answer.status).toBe(200);
          expect(await answer.json()).toMatchObject({
            code: 0,
            data: { flowInstanceId: /^3377-/ },
          });
        },
      );
    });
  });

  it('npx enos-trigger-conformance --help', async () => {
    expect(printedIn('packages/conformance/README.md', 'npx enos-trigger-conformance --help')).toBe(
      true,
    );
    const { stdout } = await run('npx', ['enos-trigger-conformance', '--help'], {
      cwd: repoRoot,
      env,
    });
    expect(stdout).toMatch(/--server/);
  });
});
