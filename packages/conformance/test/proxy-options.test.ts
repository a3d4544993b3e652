/**
 * The proxy's command line, read into startSigningProxy's options; its help and README list
 * every error code it answers; and the token lifetime it keeps a token for.
 */
import { readFileSync } from 'node:fs';
import { UsageError } from '@enos-trigger/cli-kit';
import { describe, expect, it } from 'vitest';
import { PROXY_ERRORS } from '../src/proxy/errors.js';
import { PROXY_HELP } from '../src/proxy/help.js';
import { proxyOptions } from '../src/proxy/options.js';
import { lifetimeLeft, UNKNOWN_LIFETIME_MS } from '../src/proxy/token.js';

const SECRET = 'Qw3Er5Ty7Ui9Op1As2Df';
const env = { ENOS_APP_KEY: 'key', ENOS_APP_SECRET: SECRET };

describe('proxyOptions', () => {
  it('takes the secret from the environment, and gives the defaults', () => {
    expect(proxyOptions(['--server', 'https://apigw.example.com/prefix'], env)).toEqual({
      server: 'https://apigw.example.com/prefix',
      appKey: 'key',
      appSecret: SECRET,
      port: 0,
      maxRequestBytes: 1024 * 1024,
      maxResponseBytes: 1024 * 1024,
      requestTimeoutMs: 15_000,
    });
  });

  it('reads every flag, a flag winning over the environment', () => {
    const options = proxyOptions(
      [
        ...['--server', 'http://127.0.0.1:4020', '--app-key', 'flag-key', '--port', '4777'],
        ...[
          '--max-request-bytes',
          '2048',
          '--max-response-bytes',
          '4096',
          '--request-timeout',
          '3',
        ],
      ],
      env,
    );
    expect(options).toMatchObject({
      appKey: 'flag-key',
      port: 4777,
      maxRequestBytes: 2048,
      maxResponseBytes: 4096,
      requestTimeoutMs: 3000,
    });
  });

  it.each([
    [['--server', 'http://x', '--server', 'http://y'], 'given more than once'],
    [['--server', 'http://u:p@x'], 'must not carry credentials'],
    [['--server', 'http://x?a=1'], 'without a query'],
    [['--server', 'http://x', '--request-timeout', '0'], 'from 1 to 600'],
    [['--server', 'http://x', '--max-response-bytes', '10'], 'from 1024'],
    [['--server', 'http://x', '--contract', '/no/such/file.json'], '--contract /no/such/file.json'],
    [['--server', 'http://x', '--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j, saying what to give', (argv, says) => {
    expect(() => proxyOptions(argv, env)).toThrow(UsageError);
    expect(() => proxyOptions(argv, env)).toThrow(says);
  });

  it('never quotes the secret in a usage error', () => {
    // Undefined, and so failing below, if nothing is thrown.
    let message: string | undefined;
    try {
      proxyOptions(['--app-secret', SECRET, '--port', SECRET], {});
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('--server');
    expect(message).not.toContain(SECRET);
  });

  it.each([
    ['--port', 'a whole number'],
    ['--request-timeout', 'a whole number'],
    ['--contract', '--contract [redacted]'],
  ])('keeps a secret given as the value of %s out of its refusal', (flag, says) => {
    for (const [argv, given] of [
      [['--app-secret', SECRET], {}],
      [[`--app-secret=${SECRET}`], {}],
      [[], env],
    ] as const) {
      let message = '';
      try {
        proxyOptions(['--server', 'http://x', '--app-key', 'k', ...argv, flag, SECRET], given);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain(says);
      expect(message).toContain('[redacted]');
      expect(message).not.toContain(SECRET);
    }
  });
});

describe('the proxy errors', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  it.each(Object.entries(PROXY_ERRORS))(
    '%s (%i) is in the README table and in --help',
    (code, status) => {
      expect(readme).toMatch(new RegExp(`\\| ${status} +\\| \`${code}\` +\\|`));
      expect(PROXY_HELP).toContain(code);
    },
  );
});

describe('lifetimeLeft', () => {
  it('keeps a token its lifetime less a fifth, at most a minute less', () => {
    expect(lifetimeLeft(7200)).toBe(7_140_000);
    expect(lifetimeLeft(100)).toBe(80_000);
  });
  it.each([[0], [-5], ['7200'], [Number.NaN], [undefined]])(
    'asks again soon for a lifetime of %j',
    (expire) => {
      expect(lifetimeLeft(expire)).toBe(UNKNOWN_LIFETIME_MS);
    },
  );
});
