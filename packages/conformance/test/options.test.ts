import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NEGATIVE_RUNS,
  DEFAULT_OVERSIZE_BYTES,
  parseCli,
  type RunOptions,
} from '../src/config/options.js';
import { UsageError } from '../src/config/usage-error.js';

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
    expect(o.flows).toEqual({ flowId: 12, noTaskFlowId: 13, foreignFlowId: 14 });
    expect([o.userId, o.orgId, o.reportDir]).toEqual(['u', 'o', 'out']);
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
    [['--server', 'ftp://host'], 'http'],
    [['--server', 'not a url'], 'not a URL'],
    [['--server', 'https://user:pw@host'], 'credentials'],
    [['--server', 'https://host/?a=1'], 'query'],
    [['--flow-id', '5', '--no-task-flow-id', '5'], 'different'],
    [['--report-dir', ''], 'empty'],
  ])('%j', (argv, part) => {
    expect(usageError(argv, SECRET_ENV)).toContain(part);
  });

  it('never repeats a secret it was given', () => {
    const secret = 'hunter2-flag-secret';
    for (const argv of [
      [...REMOTE, '--app-secret', secret, '--flow-id', 'x'],
      ['--server', 'https://apigw.example.com', '--app-key', 'k', '--app-secret', secret],
    ]) {
      expect(usageError(argv)).not.toContain(secret);
    }
  });
});
