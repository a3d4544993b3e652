/**
 * The command as a user runs it (dist/cli.js in its own process): help, exit codes, the dry
 * run, and secrets that never reach the terminal or a report.
 */
import { describe, expect, it } from 'vitest';
import {
  APP_SECRET,
  FLOW,
  type ReferenceServer,
  startReferenceServer,
  TOKEN_PREFIX,
  targetArgs,
} from './support/reference-server.js';
import { runCli, spawnCli } from './support/run-cli.js';

const target = targetArgs;

async function withServer<T>(
  fn: (server: ReferenceServer) => Promise<T>,
  broken?: Parameters<typeof startReferenceServer>[0],
) {
  const server = await startReferenceServer(broken);
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

describe('--help', () => {
  it('lists every flag and the exit codes, and exits 0', async () => {
    const { code, stdout } = await spawnCli(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--server',
      '--app-key',
      '--app-secret',
      'ENOS_APP_KEY',
      'ENOS_APP_SECRET',
      '--user-id',
      '--org-id',
      '--flow-id',
      '--no-task-flow-id',
      '--foreign-flow-id',
      '--report-dir',
      '--strict',
      '--dry-run',
      '--help',
      '--negative-runs',
      '--stateless',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/0 +no check failed/);
    expect(stdout).toMatch(/2 +a usage or configuration error/);
  });
});

describe('exit 2: usage and configuration errors say what to fix', () => {
  it('an unknown flag', async () => {
    const { code, stdout, stderr } = await spawnCli(['--flowid', '1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--help');
  });

  it('a server that cannot be reached', async () => {
    const { code, stderr } = await spawnCli(['--server', 'http://127.0.0.1:9', '--app-key', 'k'], {
      ENOS_APP_SECRET: 's3cret-value',
    });
    expect(code).toBe(2);
    expect(stderr).toContain('Cannot reach the server');
    expect(stderr).toContain('--server');
  });

  it('credentials the server refuses, without repeating the secret', async () => {
    await withServer(async (server) => {
      const wrong = 'not-the-reference-secret';
      const { code, stdout, stderr } = await spawnCli([...target(server), '--app-secret', wrong]);
      expect(code).toBe(2);
      expect(stderr).toContain('refused the credentials');
      expect(stdout + stderr).not.toContain(wrong);
    });
  });
});

describe('a flow that does not exist', () => {
  it('fails the success check, says what to check, and tries no more minutes than it printed', async () => {
    await withServer(async (server) => {
      const args = [...targetArgs(server).slice(0, -1), '4242', '--negative-runs', '0'];
      const run = await runCli(args, { ENOS_APP_SECRET: APP_SECRET });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        'every candidate minute answered 62102 · cannot create instance: does flow 4242 exist',
      );
      const budget = Number(
        /flow 4242 \(--flow-id\): at most (\d+) requests/.exec(run.stdout)?.[1],
      );
      const named = server.namedFlows.filter((flowId) => flowId === 4242).length;
      expect(named).toBeGreaterThan(0);
      expect(named).toBeLessThanOrEqual(budget);
      expect(server.namedFlows.every((flowId) => flowId === 4242)).toBe(true);
    });
  });
});

describe('--dry-run', () => {
  it('lists the requests, the trigger budget, and sends nothing', async () => {
    await withServer(async (server) => {
      const run = await runCli(
        [...target(server), '--dry-run', '--negative-runs', '3'],
        { ENOS_APP_SECRET: APP_SECRET },
        { reports: false },
      );
      expect(run.code).toBe(0);
      expect(server.requests).toEqual([]);
      expect(run.stdout).toContain(`flow ${FLOW} (--flow-id): at most`);
      expect(run.stdout).toMatch(/1\. POST \/apim-token-service\/v2\.0\/token\/get \[unsigned\]/);
      expect(run.stdout).toContain('"encryption":"<sha256>"');
      expect(run.stdout).toMatch(
        /POST \/batch-processing-service\/v2\.1\/flows\?action=trigger&userId=reference-user&orgId=reference-org \[signed\]/,
      );
      expect(run.stdout).toContain('negative · ');
      expect(run.stdout).toMatch(/\n\d+ requests \(plus/);
      expect(run.stdout).not.toContain(APP_SECRET);
    });
  });

  it('does not start the bundled sandbox', async () => {
    const run = await runCli(['--dry-run', '--negative-runs', '0'], {}, { reports: false });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('enos-trigger-conformance: the bundled sandbox\n');
  });
});

describe('secrets', () => {
  it('never show in the terminal or the reports, even when the server echoes them (exit 1)', async () => {
    await withServer(async (server) => {
      const run = await runCli([
        ...target(server),
        '--app-secret',
        APP_SECRET,
        '--negative-runs',
        '3',
      ]);
      expect(run.code).toBe(1);
      const everything = [run.stdout, run.stderr, ...Object.values(run.reports)].join('\n');
      expect(Object.keys(run.reports).sort()).toEqual(['junit.xml', 'report.md']);
      expect(everything).toContain('[redacted]');
      expect(everything).not.toContain(APP_SECRET);
      expect(everything).not.toContain(TOKEN_PREFIX);
    }, 'leaks-secrets');
  });
});
