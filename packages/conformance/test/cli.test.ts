/**
 * The command as a user runs it (dist/cli.js in its own process): help, exit codes, the dry
 * run, and secrets that never reach the terminal or a report.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_SECRET,
  FLOW,
  FOREIGN_FLOW,
  type ReferenceServer,
  startReferenceServer,
  TOKEN_PREFIX,
  targetArgs,
  USER,
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
      '--locked-user-id',
      '--locked-flow-id',
      '--report-dir',
      '--strict',
      '--dry-run',
      '--help',
      '--negative-runs',
      '--stateless',
      '--max-response-bytes',
      '--request-timeout',
      '--deadline',
      '--max-timeouts',
      '--behaviour',
      '--behaviour-timeout',
      '--poll-interval',
      '--foreign-user-id',
    ]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toMatch(/0 +no check failed/);
    expect(stdout).toMatch(/2 +a usage or configuration error/);
    expect(stdout).toMatch(/or the run\s+stopped before its end/);
  });
});

describe('exit 2: usage and configuration errors say what to fix', () => {
  it('a behaviour flag without --behaviour, through the command', async () => {
    const { code, stdout, stderr } = await spawnCli(['--poll-interval', '1']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--poll-interval goes with --behaviour: add --behaviour');
  });

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

describe('a --flow-id the run cannot trigger is a configuration error (exit 2), not a violation', () => {
  it('a flow that does not exist: every candidate minute refused, no more minutes than it printed', async () => {
    await withServer(async (server) => {
      const args = [...targetArgs(server).slice(0, -1), '4242', '--negative-runs', '3'];
      const run = await runCli(args, { ENOS_APP_SECRET: APP_SECRET });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain(
        "Check --flow-id: the server answered the run's trigger of flow 4242 (--flow-id) with 62102 · cannot create instance, so flow 4242 most likely does not exist",
      );
      expect(run.stderr).toContain("The contract's advice: Check that workflow 4242 exists.");
      expect(run.stdout).not.toMatch(/^FAIL/m);
      const budget = Number(
        /flow 4242 \(--flow-id\): at most (\d+) requests/.exec(run.stdout)?.[1],
      );
      const named = server.namedFlows.filter((flowId) => flowId === 4242).length;
      // Only the success trigger, once a candidate minute: nothing after it.
      expect(named).toBe(6);
      expect(named).toBeLessThanOrEqual(budget);
      expect(server.namedFlows.every((flowId) => flowId === 4242)).toBe(true);
      expect(Object.keys(run.reports)).toEqual([]);
    });
  });

  it('a flow of another user: said at its first trigger, which is the only one sent', async () => {
    await withServer(async (server) => {
      const args = [...targetArgs(server).slice(0, -1), String(FOREIGN_FLOW)];
      const run = await runCli(args, { ENOS_APP_SECRET: APP_SECRET });
      expect(run.code, run.stdout + run.stderr).toBe(2);
      expect(run.stderr).toContain(
        `Check --flow-id (or --user-id): the server answered the run's trigger of flow ${FOREIGN_FLOW} (--flow-id) with 62103 · not the owner, so flow ${FOREIGN_FLOW} is not user "${USER}"'s.`,
      );
      expect(run.stderr).toContain(
        `The contract's advice: Trigger workflow ${FOREIGN_FLOW} as the user who owns it: user ${USER} does not.`,
      );
      expect(run.stderr).not.toContain('does not conform');
      expect(server.namedFlows).toEqual([FOREIGN_FLOW]);
    });
  });
});

describe('a flag given twice', () => {
  it('is a usage error naming the flag', async () => {
    const { code, stdout, stderr } = await spawnCli([
      '--negative-runs',
      '1',
      '--negative-runs',
      '2',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('--negative-runs is given more than once: give it once.');
  });
});

describe('--report-dir that cannot be written: exit 2 before anything is sent, saying why', () => {
  it.runIf(process.platform === 'linux')('a directory under /proc', async () => {
    await withServer(async (server) => {
      const run = await spawnCli(
        [...target(server), '--report-dir', '/proc/enos-report'],
        { ENOS_APP_SECRET: APP_SECRET },
        { timeoutMs: 30_000 },
      );
      expect(run.timedOut).toBe(false);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(
        '--report-dir /proc/enos-report cannot be written: a directory cannot be created there (ENOENT)',
      );
      // Found before the run started: not one request reached the server.
      expect(server.requests).toEqual([]);
    });
  });

  it('a file where the directory should be, or in its path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'conformance-file-'));
    try {
      const file = join(dir, 'report');
      await writeFile(file, 'not a directory');
      await withServer(async (server) => {
        for (const [path, why] of [
          [file, 'it is a file, not a directory (EEXIST)'],
          [join(file, 'sub'), 'a part of the path is a file, not a directory (ENOTDIR)'],
        ] as const) {
          const run = await spawnCli(
            [...target(server), '--report-dir', path],
            { ENOS_APP_SECRET: APP_SECRET },
            { timeoutMs: 30_000 },
          );
          expect(run.timedOut).toBe(false);
          expect(run.code).toBe(2);
          expect(run.stdout).toBe('');
          expect(run.stderr).toContain(`--report-dir ${path} cannot be written: ${why}`);
        }
        expect(server.requests).toEqual([]);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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

  it('with --report-dir, writes the plan there: plan.md and plan.json', async () => {
    await withServer(async (server) => {
      const run = await runCli([...target(server), '--dry-run', '--negative-runs', '2'], {
        ENOS_APP_SECRET: APP_SECRET,
      });
      expect(run.code).toBe(0);
      expect(server.requests).toEqual([]);
      expect(Object.keys(run.reports).sort()).toEqual(['plan.json', 'plan.md']);
      const plan = JSON.parse(run.reports['plan.json'] as string) as {
        requests: { n: number; method: string; target: string; signed: boolean; why: string }[];
        skipped: { title: string; reason: string }[];
        budget: string[];
      };
      // The same requests the terminal lists, in order.
      const listed = Number(/\n(\d+) requests \(plus/.exec(run.stdout)?.[1]);
      expect(plan.requests.length).toBe(listed);
      expect(plan.requests[0]).toMatchObject({ n: 1, method: 'POST', signed: false });
      expect(plan.requests.some((r) => r.why.startsWith('negative · '))).toBe(true);
      expect(plan.skipped.some((s) => s.reason.includes('--locked-flow-id'))).toBe(true);
      expect(plan.budget[0]).toContain(`flow ${FLOW} (--flow-id): at most`);
      const md = run.reports['plan.md'] as string;
      expect(md).toContain('# Trigger Flow conformance plan (dry run: nothing was sent)');
      expect(md).toContain('| 1 | POST /apim-token-service/v2.0/token/get | no |');
      expect(run.stdout).toContain('Plan: ');
      expect(JSON.stringify(run.reports)).not.toContain(APP_SECRET);
    });
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
