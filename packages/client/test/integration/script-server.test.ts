/**
 * The client against a scripted server over real HTTP on 127.0.0.1, for answers the sandbox
 * never gives: every example of the contract's catalogs verbatim, answers outside the
 * contract, a server that echoes secrets back, refused connections.
 */
import { createServer } from 'node:net';
import { startSandbox } from '@enos-trigger/sandbox';
import { duplicatedEncryptionError, errorCatalog, successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createTriggerFlowClient,
  type RetryEvent,
  type TriggerFlowFailure,
  unwrap,
} from '../../src/index.js';
import { failureOf, SANDBOX_DEFAULTS, SEED, scriptClient } from '../helpers/clients.js';
import {
  exampleValue,
  SCRIPT_APP,
  type ScriptServer,
  startScriptServer,
} from '../helpers/script-server.js';

let server: ScriptServer;
beforeAll(async () => {
  server = await startScriptServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());
const triggers = () => server.log.filter((entry) => entry.path.endsWith('/flows'));
const tokenCalls = () => server.log.filter((entry) => entry.path.endsWith('/token/get'));

/**
 * The contract's advice as the client must say it for SEED from scriptClient: on one line,
 * without Markdown's backticks, each placeholder filled in from the call.
 */
const fill = (advice: string) =>
  advice
    .replace(/\s+/g, ' ')
    .trim()
    .replaceAll('`', '')
    .replaceAll('{flowId}', '3377')
    .replaceAll('{userId}', 'script-user')
    .replaceAll('{minute}', '2019-11-22 01:23')
    .replaceAll('{flowInstanceId}', '3377-20191122012300');

describe("every example of the contract's catalogs", () => {
  it.each(errorCatalog('triggerFlow').map((e) => [e.name, e] as const))(
    "trigger: %s is a business error with its code and the contract's advice, filled in",
    async (name, entry) => {
      server.triggerAnswers.push({ body: exampleValue('triggerFlow', name) });
      const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
      // Only the internal error may have started a run: its advice says so.
      const may = name === 'internalError';
      expect(failure).toMatchObject({
        kind: 'business',
        code: entry.code,
        msg: entry.message,
        mayHaveTriggered: may,
      });
      expect(failure.message).toBe(
        `EnOS refused flow 3377: ${entry.code} ${JSON.stringify(entry.message)}. ${fill(entry.advice)} ${
          may
            ? "A run may have started: check the flow's instances before you retry."
            : 'Nothing was started.'
        }`,
      );
    },
  );

  it.each(errorCatalog('getAccessToken').map((e) => [e.name, e] as const))(
    'token: %s is an auth failure with its status, and nothing is sent',
    async (name, entry) => {
      // duplicatedEncryption is asked again a few times (token-collision.test.ts): answer each.
      const answer = { body: exampleValue('getAccessToken', name) };
      server.tokenAnswers.push(...Array.from({ length: 8 }, () => answer));
      const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
      expect(failure).toMatchObject({
        kind: 'auth',
        status: entry.code,
        msg: entry.message,
        mayHaveTriggered: false,
      });
      expect(failure.message).toMatch(
        name === duplicatedEncryptionError().name ? /same millisecond/ : /appKey, appSecret/,
      );
      expect(triggers()).toEqual([]);
    },
  );
});

describe("the contract's advice, filled in from the call", () => {
  const answer = (name: string) => ({ body: exampleValue('triggerFlow', name) });
  const call = { flowId: 2791, triggerTime: Date.UTC(2031, 1, 3, 4, 5, 59, 999) };

  it('62102 for a taken minute names the minute, in UTC, and the instance that holds it', async () => {
    server.triggerAnswers.push(answer('cannotCreateInstance'));
    const failure = failureOf(await scriptClient(server).triggerFlow(call));
    expect(failure.message).toContain(
      'If it was already triggered for the minute 2031-02-03 04:05, that run is 2791-20310203040500',
    );
    expect(failure.message).not.toMatch(/[{}]/);
  });

  it("62103 names the flow and the call's user, who does not own it", async () => {
    server.triggerAnswers.push(answer('noPrivilege'));
    const client = scriptClient(server, { userId: 'default-user' });
    const failure = failureOf(await client.triggerFlow({ ...call, userId: 'caller' }));
    expect(failure.message).toContain(
      'workflow 2791 as the user who owns it: user caller does not',
    );
  });

  it('62109 says to try again later, after looking: a run may have started', async () => {
    server.triggerAnswers.push(answer('internalError'));
    const failure = failureOf(await scriptClient(server).triggerFlow(call));
    expect(failure).toMatchObject({ kind: 'business', code: 62109, mayHaveTriggered: true });
    expect(failure.message).toMatch(/try again later/);
    expect(failure.message).not.toMatch(/Nothing was started|Fix that/);
  });

  it('no business error says the old "Fix that, then trigger again"', async () => {
    for (const { name } of errorCatalog('triggerFlow')) {
      server.triggerAnswers.push(answer(name));
      const failure = failureOf(await scriptClient(server).triggerFlow(call));
      expect(failure.message, name).not.toMatch(/Fix that/);
    }
  });

  it('a filled-in value that holds a secret is scrubbed like any other text', async () => {
    server.triggerAnswers.push(answer('noPrivilege'));
    const client = scriptClient(server, { userId: `u-${SCRIPT_APP.appSecret}` });
    const failure = failureOf(await client.triggerFlow(call));
    expect(failure.message).toContain('user u-*** does not');
    expect(JSON.stringify(failure)).not.toContain(SCRIPT_APP.appSecret);
  });
});

describe('a success whose instance ID names another flow than the one asked for', () => {
  it('is a success with the answer as it is, and the mismatch said', async () => {
    server.triggerAnswers.push({
      body: { code: 0, msg: 'OK', data: { flowInstanceId: '2791-20191122012300' } },
    });
    expect(await scriptClient(server).triggerFlow(SEED)).toEqual({
      ok: true,
      flowInstanceId: '2791-20191122012300',
      flowId: 2791,
      instant: new Date('2019-11-22T01:23:00Z'),
      requestId: undefined,
      mismatch: { askedFlowId: 3377, answeredFlowId: 2791 },
    });
  });

  it("as the mock answers: the contract's success example, flow 3377's, to every trigger", async () => {
    const example = successExample('triggerFlow').value;
    server.triggerAnswers.push({ body: example }, { body: example });
    const client = scriptClient(server);
    const other = await client.triggerFlow({ ...SEED, flowId: 2791 });
    expect(other).toMatchObject({
      ok: true,
      flowInstanceId: '3377-20191122012300',
      mismatch: { askedFlowId: 2791, answeredFlowId: 3377 },
    });
    // Code written against the mock keeps working: `unwrap` gives the success.
    expect(unwrap(other).flowInstanceId).toBe('3377-20191122012300');
    const same = await client.triggerFlow(SEED);
    expect(same).toMatchObject({ ok: true, flowInstanceId: '3377-20191122012300' });
    expect(same).not.toHaveProperty('mismatch');
  });
});

describe('401', () => {
  it('refreshes the token once and sends the call once more', async () => {
    const client = scriptClient(server);
    expect((await client.triggerFlow(SEED)).ok).toBe(true);
    server.expireTokens();
    expect((await client.triggerFlow(SEED)).ok).toBe(true);
    expect(tokenCalls()).toHaveLength(2);
    expect(triggers().map((t) => t.accessToken)).toEqual([
      server.issued.at(-2),
      server.issued.at(-2),
      server.issued.at(-1),
    ]);
  });

  it('a second 401 is a gateway failure: check the credentials, nothing started', async () => {
    const refused = { status: 401, body: { message: 'Invalid authentication credentials' } };
    server.triggerAnswers.push(refused, refused, refused);
    const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
    expect(failure).toMatchObject({
      kind: 'gateway',
      status: 401,
      gatewayMessage: 'Invalid authentication credentials',
      mayHaveTriggered: false,
    });
    expect(failure.message).toMatch(/appKey, appSecret/);
    expect(triggers()).toHaveLength(2);
    expect(tokenCalls()).toHaveLength(2);
  });
});

describe('gateway errors', () => {
  it.each([
    [400, false],
    [413, false],
    [500, true],
  ])('HTTP %i: may a run have started? %s', async (status, may) => {
    server.triggerAnswers.push({ status, body: { message: 'from the gateway' } });
    const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
    expect(failure).toMatchObject({
      kind: 'gateway',
      status,
      gatewayMessage: 'from the gateway',
      mayHaveTriggered: may,
    });
    expect(triggers()).toHaveLength(1);
  });
});

describe('answers outside the contract', () => {
  it.each([
    [
      'an unlisted business code',
      { body: { code: 61999, msg: 'New rule.', data: null } },
      'code 61999',
    ],
    ['code 0 without an instance', { body: { code: 0, msg: 'OK', data: null } }, 'code 0'],
    ['a body that is not JSON', { body: '<html>proxy error</html>' }, 'HTTP 200'],
    ['an undocumented status', { status: 404, body: 'Not Found' }, 'HTTP 404'],
  ])('%s: unexpected-response, and a run may have started', async (_name, answer, shown) => {
    server.triggerAnswers.push(answer);
    const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'unexpected-response', mayHaveTriggered: true });
    expect(failure.message).toContain(shown);
    expect(failure.message).toMatch(/check baseUrl/);
  });

  it('keeps a success whose instance ID is not of the documented form', async () => {
    server.triggerAnswers.push({
      body: { code: 0, msg: 'OK', data: { flowInstanceId: 'abc' }, requestId: 'r-1' },
    });
    expect(await scriptClient(server).triggerFlow(SEED)).toEqual({
      ok: true,
      flowInstanceId: 'abc',
      flowId: 3377,
      instant: undefined,
      requestId: 'r-1',
    });
  });
});

describe('secrets', () => {
  it('never reach a failure, even when the server echoes them', async () => {
    const client = scriptClient(server, { retry: false });
    expect((await client.triggerFlow(SEED)).ok).toBe(true);
    const token = server.issued.at(-1) as string;
    const echo = `token ${token} secret ${SCRIPT_APP.appSecret}`;
    const answers = [
      { body: { code: 62104, msg: echo, data: null } },
      { body: { code: 61999, msg: echo, data: null } },
      { status: 500, body: { message: echo } },
      { status: 503, body: { message: echo } },
    ];
    const failures: TriggerFlowFailure[] = [];
    for (const answer of answers) {
      server.triggerAnswers.push(answer);
      failures.push(failureOf(await client.triggerFlow({ ...SEED, flowId: 3378 })));
    }
    // The token expires; the refresh is refused with the echo.
    server.expireTokens();
    server.tokenAnswers.push({ body: { status: 1005, msg: echo, data: null } });
    failures.push(failureOf(await client.triggerFlow(SEED)));
    expect(failures.map((f) => f.kind)).toEqual([
      'business',
      'unexpected-response',
      'gateway',
      'gateway',
      'auth',
    ]);
    for (const failure of failures) {
      const text = `${failure.message} ${JSON.stringify(failure)}`;
      expect(text).not.toContain(token);
      expect(text).not.toContain(SCRIPT_APP.appSecret);
      expect(text).toContain('***');
    }
  });
});

describe('arguments', () => {
  it.each([
    ['flowId', { flowId: '3377' }],
    ['flowId', { flowId: 0 }],
    ['flowId', { flowId: 2 ** 31 }],
    ['flowId', { flowId: 33.5 }],
    ['triggerTime', { flowId: 3377, triggerTime: new Date('not a date') }],
    ['triggerTime', { flowId: 3377, triggerTime: 1.5 }],
    ['userId', { flowId: 3377, userId: '' }],
  ])('a wrong %s is refused before anything is sent', async (argument, input) => {
    const failure = failureOf(await scriptClient(server).triggerFlow(input as never));
    expect(failure).toMatchObject({ kind: 'invalid-argument', argument, mayHaveTriggered: false });
    expect(failure.message).toContain(argument);
    expect(server.log).toEqual([]);
  });

  it.each([
    ['userId', { ...SCRIPT_APP, orgId: 'o' }],
    ['orgId', { ...SCRIPT_APP, userId: 'u' }],
  ])(
    'a missing %s (a JavaScript caller: the types refuse it) names where to give it',
    async (argument, options) => {
      const client = createTriggerFlowClient({ baseUrl: server.url, ...options });
      const failure = failureOf(await client.triggerFlow(SEED as never));
      expect(failure).toMatchObject({
        kind: 'invalid-argument',
        argument,
        mayHaveTriggered: false,
      });
      expect(failure.message).toBe(
        `${argument} is undefined: give a non-empty string to createTriggerFlowClient or triggerFlow. Nothing was started.`,
      );
      expect(server.log).toEqual([]);
    },
  );

  it('signs query values that need encoding exactly as the server decodes them', async () => {
    const client = scriptClient(server, { userId: 'user with spaces & ü', orgId: 'org/+=?' });
    expect((await client.triggerFlow(SEED)).ok).toBe(true);
  });

  it.each([
    ['baseUrl', 'apigw.example.com', '"apigw.example.com": give an http(s) URL'],
    ['baseUrl', undefined, 'undefined: give an http(s) URL'],
    ['appKey', '', '"": give a non-empty string'],
    ['appKey', 42, '42: give a non-empty string'],
    ['appSecret', '', 'empty or not a string: give a non-empty string'],
    ['userId', '', '"": give a non-empty string to createTriggerFlowClient or triggerFlow'],
    ['orgId', 7, '7: give a non-empty string to createTriggerFlowClient or triggerFlow'],
    ['timeoutMs', 0, '0: give ms from 1 to 2147483647'],
    ['timeoutMs', 2 ** 31, '2147483648: give ms from 1 to 2147483647'],
    ['timeoutMs', Number.NaN, 'NaN: give ms from 1 to 2147483647'],
    ['maxResponseBytes', -1, '-1: give a number above 0'],
  ])('refuses the option %s = %s at once, by its name alone', (option, value, said) => {
    const make = () =>
      createTriggerFlowClient({
        baseUrl: server.url,
        ...SCRIPT_APP,
        userId: 'u',
        orgId: 'o',
        [option]: value,
      } as never);
    expect(make).toThrow(TypeError);
    expect(make).toThrow(`createTriggerFlowClient: ${option} is ${said}.`);
  });

  it('never shows the value of an unusable appSecret', () => {
    // A Buffer is no string, and String() of it is the secret itself.
    const appSecret = Buffer.from(SCRIPT_APP.appSecret);
    const make = () =>
      createTriggerFlowClient({ baseUrl: server.url, appKey: 'k', appSecret } as never);
    expect(make).toThrow('createTriggerFlowClient: appSecret is empty or not a string');
    expect(make).not.toThrow(SCRIPT_APP.appSecret);
  });
});

describe('a connection lost after the trigger was sent', () => {
  it('is not retried, and may have started a run', async () => {
    server.triggerAnswers.push({ reset: true });
    const events: RetryEvent[] = [];
    const client = scriptClient(server, { retry: { onRetry: (e) => events.push(e) } });
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'network', mayHaveTriggered: true });
    expect(failure.message).toMatch(/instances before you retry/);
    expect(events).toEqual([]);
    expect(triggers()).toHaveLength(1);
  });
});

describe('refused connections', () => {
  /** A port nothing listens on: bound, then released. */
  async function freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  it('are retried within the policy, then fail as network errors that started nothing', async () => {
    const port = await freePort();
    const events: RetryEvent[] = [];
    const client = createTriggerFlowClient({
      baseUrl: `http://127.0.0.1:${port}`,
      ...SANDBOX_DEFAULTS,
      retry: { retries: 2, baseDelayMs: 10, onRetry: (e) => events.push(e) },
    });
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'network', mayHaveTriggered: false });
    expect(failure.message).toMatch(/ECONNREFUSED/);
    expect(events.map((e) => [e.attempt, e.reason])).toEqual([
      [1, 'connection-refused'],
      [2, 'connection-refused'],
    ]);
  });

  it('refusing the trigger itself, once the token is cached, started nothing either', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const events: RetryEvent[] = [];
    const client = createTriggerFlowClient({
      baseUrl: sandbox.url,
      ...SANDBOX_DEFAULTS,
      retry: { retries: 1, baseDelayMs: 10, onRetry: (e) => events.push(e) },
    });
    expect((await client.triggerFlow({ ...SEED, flowId: 2791 })).ok).toBe(true);
    await sandbox.close();
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'network', mayHaveTriggered: false });
    expect(failure.message).toMatch(/Nothing was started/);
    expect(events.map((e) => e.reason)).toEqual(['connection-refused']);
  });

  it('are retried for the trigger itself, which then goes through', async () => {
    let sandbox = await startSandbox({ port: 0 });
    const { port } = sandbox;
    const restarts: Promise<unknown>[] = [];
    const client = createTriggerFlowClient({
      baseUrl: sandbox.url,
      ...SANDBOX_DEFAULTS,
      // The sandbox comes back during the first backoff (at least 150 ms away).
      retry: {
        baseDelayMs: 300,
        onRetry: () => restarts.push(startSandbox({ port }).then((s) => (sandbox = s))),
      },
    });
    expect((await client.triggerFlow({ ...SEED, flowId: 2791 })).ok).toBe(true);
    await sandbox.close();
    // The token is cached: the trigger is the first request to meet the closed port.
    const result = await client.triggerFlow(SEED);
    await Promise.all(restarts);
    await sandbox.close();
    expect(restarts).toHaveLength(1);
    // The new sandbox does not know the old token: the 401 refresh follows.
    expect(result).toMatchObject({ ok: true, flowInstanceId: '3377-20191122012300' });
  });
});
