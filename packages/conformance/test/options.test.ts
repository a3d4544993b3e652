import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '@enos-trigger/cli-kit';
import { describe, expect, it } from 'vitest';
import { arazzoChoice } from '../src/behaviour/arazzo-choice.js';
import { laneMaxMs } from '../src/behaviour/budget.js';
import {
  DEFAULT_BEHAVIOUR_TIMEOUT_MS,
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_TIMEOUTS,
  DEFAULT_NEGATIVE_RUNS,
  DEFAULT_OVERSIZE_BYTES,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  parseCli,
  type RunOptions,
} from '../src/config/options.js';
import { contractView } from '../src/contract/view.js';

const REMOTE = [
  '--server',
  'https://apigw.example.com',
  '--user-id',
  'u',
  '--org-id',
  'o',
  '--flow-id',
  '12',
];
const SECRET_ENV = { ENOS_APP_KEY: 'key-from-env', ENOS_APP_SECRET: 'secret-from-env' };

function options(argv: string[], env: NodeJS.ProcessEnv = {}): RunOptions {
  const cli = parseCli(argv, env, 1_000);
  if (cli.help) throw new Error('unexpected --help');
  return cli.options;
}

function usageError(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parseCli(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no UsageError for ${argv.join(' ')}`);
}

describe('flags', () => {
  it('--help wins over the other flags, even incomplete ones', () => {
    expect(parseCli(['--server', 'https://apigw.example.com', '--help'], {}).help).toBe(true);
  });

  it('without --server targets the bundled sandbox, with the defaults', () => {
    const o = options([]);
    expect(o.server).toBeUndefined();
    expect(o.local).toBe(true);
    expect(o.credentials).toBeUndefined();
    expect(o.negativeRuns).toBe(DEFAULT_NEGATIVE_RUNS);
    expect(o.oversizeBytes).toBe(DEFAULT_OVERSIZE_BYTES);
    expect(o.seed).toBe(1_000);
    expect([o.strict, o.dryRun, o.stateless]).toEqual([false, false, false]);
  });

  it('bounds every run by default: 1 MiB an answer, 15 s a request, 300 s in all, 3 timeouts', () => {
    const o = options([]);
    expect([o.maxResponseBytes, o.requestTimeoutMs, o.deadlineMs, o.maxTimeouts]).toEqual([
      DEFAULT_MAX_RESPONSE_BYTES,
      DEFAULT_REQUEST_TIMEOUT_MS,
      DEFAULT_DEADLINE_MS,
      DEFAULT_MAX_TIMEOUTS,
    ]);
    expect([
      DEFAULT_MAX_RESPONSE_BYTES,
      DEFAULT_REQUEST_TIMEOUT_MS,
      DEFAULT_DEADLINE_MS,
      DEFAULT_MAX_TIMEOUTS,
    ]).toEqual([1_048_576, 15_000, 300_000, 3]);
  });

  it('reads the limits, in bytes and seconds', () => {
    const o = options([
      '--max-response-bytes',
      '4096',
      '--request-timeout',
      '2',
      '--deadline',
      '60',
      '--max-timeouts',
      '5',
    ]);
    expect([o.maxResponseBytes, o.requestTimeoutMs, o.deadlineMs, o.maxTimeouts]).toEqual([
      4096, 2_000, 60_000, 5,
    ]);
  });

  it('reads every flag', () => {
    const o = options([
      ...REMOTE,
      '--app-key',
      'k',
      '--app-secret',
      's',
      '--no-task-flow-id',
      '13',
      '--foreign-flow-id',
      '14',
      '--locked-flow-id',
      '15',
      '--locked-user-id',
      'locked-u',
      '--strict',
      '--dry-run',
      '--negative-runs',
      '50',
      '--seed',
      '7',
      '--oversize-bytes',
      '2048',
      '--report-dir',
      'out',
    ]);
    expect(o.server?.href).toBe('https://apigw.example.com/');
    expect(o.local).toBe(false);
    expect(o.credentials).toEqual({ appKey: 'k', appSecret: 's' });
    expect(o.flows).toEqual({ flowId: 12, noTaskFlowId: 13, foreignFlowId: 14, lockedFlowId: 15 });
    expect([o.userId, o.orgId, o.lockedUserId, o.reportDir]).toEqual(['u', 'o', 'locked-u', 'out']);
    expect([o.strict, o.dryRun, o.negativeRuns, o.seed, o.oversizeBytes]).toEqual([
      true,
      true,
      50,
      7,
      2048,
    ]);
  });

  it('takes the credentials from ENOS_APP_KEY and ENOS_APP_SECRET, flags first', () => {
    expect(options(REMOTE, SECRET_ENV).credentials).toEqual({
      appKey: 'key-from-env',
      appSecret: 'secret-from-env',
    });
    expect(options([...REMOTE, '--app-key', 'flag-key'], SECRET_ENV).credentials?.appKey).toBe(
      'flag-key',
    );
  });

  it('treats loopback servers as local: no --flow-id, --user-id or --org-id needed', () => {
    for (const host of ['127.0.0.1:4020', 'localhost:8080', '[::1]:9000', '127.8.9.10']) {
      expect(options(['--server', `http://${host}`], SECRET_ENV).local).toBe(true);
    }
  });
});

describe('usage errors (exit 2) say what to fix', () => {
  it('a server elsewhere needs a flow, a user and an org', () => {
    const message = usageError(['--server', 'https://apigw.example.com'], SECRET_ENV);
    expect(message).toContain('--flow-id');
    expect(message).toContain('--user-id');
    expect(message).toContain('--org-id');
  });

  it('--server needs credentials, and names the env vars', () => {
    const message = usageError(REMOTE);
    expect(message).toContain('ENOS_APP_KEY');
    expect(message).toContain('ENOS_APP_SECRET');
  });

  it('refuses credentials for the bundled sandbox rather than ignoring them', () => {
    expect(usageError(['--app-key', 'k'])).toContain('--server');
  });

  it('refuses --stateless for the sandbox, which keeps state', () => {
    expect(usageError(['--stateless'])).toContain('--stateless');
  });

  it.each([
    [['--bogus'], 'bogus'],
    [['--flow-id', 'abc'], '--flow-id'],
    [['--flow-id', '0'], '--flow-id'],
    [['--flow-id', '2147483648'], '--flow-id'],
    [['--negative-runs', '10001'], '--negative-runs'],
    [['--negative-runs', '-1'], '--negative-runs'],
    [['--seed', 'x'], '--seed'],
    [['--oversize-bytes', '0'], '--oversize-bytes'],
    [['--max-response-bytes', '1023'], '--max-response-bytes'],
    [['--max-response-bytes', '268435457'], '--max-response-bytes'],
    [['--request-timeout', '0'], '--request-timeout'],
    [['--request-timeout', '1.5'], '--request-timeout'],
    [['--deadline', '0'], '--deadline'],
    [['--deadline', '86401'], '--deadline'],
    [['--max-timeouts', '0'], '--max-timeouts'],
    [['--server', 'ftp://host'], 'http'],
    [['--server', 'not a url'], 'not a URL'],
    [['--server', 'https://user:pw@host'], 'credentials'],
    [['--server', 'https://host/?a=1'], 'query'],
    [['--flow-id', '5', '--no-task-flow-id', '5'], 'different'],
    [['--flow-id', '5', '--locked-flow-id', '5'], 'different'],
    [['--locked-flow-id', 'x'], '--locked-flow-id'],
    [['--locked-user-id', ''], 'empty'],
    [[...REMOTE, '--locked-user-id', 'u'], 'another user than --user-id'],
    [['--report-dir', ''], 'empty'],
  ])('%j', (argv, part) => {
    expect(usageError(argv, SECRET_ENV)).toContain(part);
  });

  it.each([
    [['--flow-id', '1', '--flow-id', '2'], '--flow-id'],
    [['--strict', '--strict'], '--strict'],
    [['--report-dir', 'a', '--negative-runs', '1', '--report-dir', 'b'], '--report-dir'],
    [['--locked-user-id=a', '--locked-user-id', 'a'], '--locked-user-id'],
  ])('a flag given twice: %j', (argv, flag) => {
    const message = usageError(argv, SECRET_ENV);
    expect(message).toBe(`${flag} is given more than once: give it once.`);
  });

  it('never repeats a secret it was given', () => {
    const secret = 'hunter2-flag-secret';
    for (const argv of [
      [...REMOTE.slice(0, -1), 'x', '--app-secret', secret],
      [...REMOTE, '--app-secret', secret, '--app-secret', secret],
      ['--server', 'https://apigw.example.com', '--app-key', 'k', '--app-secret', secret],
    ]) {
      expect(usageError(argv)).not.toContain(secret);
    }
  });

  it.each([
    ['--negative-runs', 'a whole number'],
    ['--behaviour-timeout', 'a number of seconds'],
    ['--server', 'is not a URL'],
    ['--contract', '--contract [redacted]'],
  ])('keeps a secret given as the value of %s out of its refusal', (flag, says) => {
    const secret = 'Qw3Er5Ty7 Ui9Op1As2Df';
    const base = flag === '--server' ? REMOTE.slice(2) : REMOTE;
    const misplaced = [...base, '--app-key', 'k', flag, secret];
    if (flag === '--behaviour-timeout') misplaced.push('--behaviour');
    for (const [argv, env] of [
      [[...misplaced, '--app-secret', secret], {}],
      [[...misplaced, `--app-secret=${secret}`], {}],
      [misplaced, { ENOS_APP_SECRET: secret }],
    ] as const) {
      const message = usageError([...argv], env);
      expect(message).toContain(says);
      expect(message).toContain('[redacted]');
      expect(message.toLowerCase()).not.toContain('qw3er5ty7');
    }
  });
});

describe('the behaviour lane flags', () => {
  it('is off unless asked for; on, it has bounded waits and grows the default deadline', () => {
    expect(options([]).behaviour).toBeUndefined();
    const o = options(['--behaviour']);
    expect(o.behaviour).toEqual({
      timeoutMs: DEFAULT_BEHAVIOUR_TIMEOUT_MS,
      intervalMs: DEFAULT_POLL_INTERVAL_MS,
    });
    expect([DEFAULT_BEHAVIOUR_TIMEOUT_MS, DEFAULT_POLL_INTERVAL_MS]).toEqual([300_000, 5_000]);
    // Respect runs the shipped workflows: its time limit counts too.
    const respect = arazzoChoice(o);
    if (!('plan' in respect)) throw new Error(`Respect would not run: ${respect.skipped}`);
    expect(o.deadlineMs).toBe(
      DEFAULT_DEADLINE_MS + laneMaxMs(300_000, o.requestTimeoutMs, respect.timeoutMs),
    );
    expect(o.deadlineMs).toBeGreaterThan(
      DEFAULT_DEADLINE_MS + laneMaxMs(300_000, o.requestTimeoutMs) + respect.timeoutMs,
    );
    // A --deadline given is kept as it is.
    expect(options(['--behaviour', '--deadline', '60']).deadlineMs).toBe(60_000);
  });

  it("grows the default deadline without Respect's time when Respect will not run (--contract)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'options-contract-'));
    try {
      const file = join(dir, 'contract.json');
      writeFileSync(file, JSON.stringify(contractView().document));
      const o = options(['--behaviour', '--contract', file]);
      expect(o.deadlineMs).toBe(DEFAULT_DEADLINE_MS + laneMaxMs(300_000, o.requestTimeoutMs));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads seconds with decimals', () => {
    const o = options(
      [...REMOTE, '--behaviour', '--behaviour-timeout', '2.5', '--poll-interval', '0.25'],
      SECRET_ENV,
    );
    expect(o.behaviour).toEqual({ timeoutMs: 2500, intervalMs: 250 });
  });

  it('reads the other user with or without the lane: every run asks as it (62103)', () => {
    const other = ['--foreign-user-id', 'someone-else'];
    expect(options([...REMOTE, ...other], SECRET_ENV).foreignUserId).toBe('someone-else');
    const o = options([...REMOTE, '--behaviour', ...other], SECRET_ENV);
    expect([o.foreignUserId, o.behaviour]).toEqual([
      'someone-else',
      { timeoutMs: DEFAULT_BEHAVIOUR_TIMEOUT_MS, intervalMs: DEFAULT_POLL_INTERVAL_MS },
    ]);
    expect(options([]).foreignUserId).toBeUndefined();
  });

  it.each([
    [['--poll-interval', '1'], '--poll-interval goes with --behaviour: add --behaviour'],
    [['--behaviour-timeout', '10'], '--behaviour-timeout goes with --behaviour'],
    [
      ['--behaviour', '--behaviour-timeout', '0.1'],
      'must be a number of seconds from 0.5 to 86400',
    ],
    [['--behaviour', '--behaviour-timeout', '1.2345'], 'up to three decimals'],
    [
      ['--behaviour', '--poll-interval', 'soon'],
      '--poll-interval "soon" must be a number of seconds',
    ],
    [['--behaviour', '--poll-interval', '601'], 'from 0.05 to 600'],
    [
      ['--behaviour', '--behaviour-timeout', '1', '--poll-interval', '2'],
      'is longer than --behaviour-timeout',
    ],
    [['--foreign-user-id', ''], 'empty'],
    [[...REMOTE, '--foreign-user-id', 'u'], 'another unlocked user of --org-id than --user-id'],
    [
      [...REMOTE, '--behaviour', '--foreign-user-id', 'u'],
      'another unlocked user of --org-id than --user-id',
    ],
    [[...REMOTE, '--locked-user-id', 'l', '--foreign-user-id', 'l'], 'than --locked-user-id'],
    [
      ['--server', 'http://127.0.0.1:1', '--stateless', '--behaviour'],
      'a stateless mock does not keep',
    ],
    [['--behaviour', '--behaviour'], '--behaviour is given more than once'],
  ])('%j', (argv, part) => {
    expect(usageError(argv, SECRET_ENV)).toContain(part);
  });
});
