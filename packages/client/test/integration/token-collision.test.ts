/**
 * Token requests that collide: the token service accepts an `encryption` once, and two
 * processes with one app key that ask in the same millisecond send the same one. The second is
 * refused with duplicatedEncryption though its credentials are right; the client asks again
 * with a new timestamp, a bounded number of times, within the token request's time limit.
 */
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { duplicatedEncryptionError } from '@enos-trigger/spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { duplicatedEncryptionCode } from '../../src/generated/contract.js';
import { createSession, triggerFlow } from '../../src/index.js';
import { failureOf, SEED, sandboxClient, scriptClient } from '../helpers/clients.js';
import {
  exampleValue,
  SCRIPT_APP,
  type ScriptServer,
  startScriptServer,
} from '../helpers/script-server.js';

const collision = duplicatedEncryptionError();

/** The contract's own example of the token service's answer to a seen `encryption`. */
const collisionAnswer = exampleValue('getAccessToken', collision.name);

it("duplicatedEncryptionCode is generated from the contract's duplicatedEncryption", () => {
  expect(duplicatedEncryptionCode).toBe(collision.code);
});

describe('two clients whose clocks give the same millisecond, against the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it('both get a token and trigger', async () => {
    // As two processes started together: same app key, same timestamp, so the same encryption.
    const sameMillisecond = Date.now();
    const clients = [3377, 2791].map((flowId) => ({
      flowId,
      client: sandboxClient(sandbox, { now: () => sameMillisecond }),
    }));
    const results = await Promise.all(
      clients.map(({ client, flowId }) => client.triggerFlow({ ...SEED, flowId })),
    );
    expect(results).toMatchObject([
      { ok: true, flowInstanceId: '3377-20191122012300' },
      { ok: true, flowInstanceId: '2791-20191122012300' },
    ]);
  });
});

describe('a token service that answers duplicatedEncryption', () => {
  let server: ScriptServer;
  beforeAll(async () => {
    server = await startScriptServer();
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());
  const tokenTimestamps = () =>
    server.log
      .filter((entry) => entry.path.endsWith('/token/get'))
      .map((entry) => (JSON.parse(entry.body) as { timestamp: number }).timestamp);
  const triggers = () => server.log.filter((entry) => entry.path.endsWith('/flows'));

  it('once is asked again with a later timestamp, even on a clock that stands still', async () => {
    server.tokenAnswers.push({ body: collisionAnswer });
    const frozen = Date.now();
    const result = await scriptClient(server, { now: () => frozen }).triggerFlow(SEED);
    expect(result).toMatchObject({ ok: true });
    const [first, second] = tokenTimestamps();
    expect(first).toBe(frozen);
    expect(second).toBeGreaterThan(frozen);
  });

  it('every time fails after 4 token requests, saying what happened and what to do', async () => {
    server.tokenAnswers.push(...Array.from({ length: 10 }, () => ({ body: collisionAnswer })));
    const frozen = Date.now();
    const failure = failureOf(await scriptClient(server, { now: () => frozen }).triggerFlow(SEED));
    expect(failure).toMatchObject({
      kind: 'auth',
      status: collision.code,
      msg: collision.message,
      mayHaveTriggered: false,
    });
    expect(failure.message).toMatch(
      /after 4 request\(s\): another process with this appKey asked in the same millisecond/,
    );
    expect(failure.message).toMatch(/Retry; stagger them\./);
    expect(failure.message).not.toMatch(/Check appKey/);
    expect(failure.message).toMatch(/Nothing was started\.$/);
    const timestamps = tokenTimestamps();
    expect(timestamps).toHaveLength(4);
    expect(new Set(timestamps).size).toBe(4);
    expect(triggers()).toEqual([]);
  });

  it('is reported at once by a session without retries (no `retrying`): the code is not there', async () => {
    server.tokenAnswers.push({ body: collisionAnswer });
    const session = createSession({ baseUrl: server.url, ...SCRIPT_APP, userId: 'u', orgId: 'o' });
    const failure = failureOf(await triggerFlow(session, SEED));
    expect(failure).toMatchObject({
      kind: 'auth',
      status: collision.code,
      mayHaveTriggered: false,
    });
    expect(failure.message).toMatch(/after 1 request\(s\): another process with this appKey/);
    expect(tokenTimestamps()).toHaveLength(1);
    expect(triggers()).toEqual([]);
  });

  it("stops asking at the token request's time limit", async () => {
    server.tokenAnswers.push(
      ...Array.from({ length: 10 }, () => ({ body: collisionAnswer, delayMs: 60 })),
    );
    const client = scriptClient(server, { timeoutMs: 100 });
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'timeout', timeoutMs: 100, mayHaveTriggered: false });
    // Nothing more is sent once the limit has passed.
    const asked = tokenTimestamps().length;
    expect(asked).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(tokenTimestamps()).toHaveLength(asked);
    expect(triggers()).toEqual([]);
  });

  it("stops waiting at the caller's signal", async () => {
    server.tokenAnswers.push(
      ...Array.from({ length: 10 }, () => ({ body: collisionAnswer, delayMs: 60 })),
    );
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const failure = failureOf(
      await scriptClient(server).triggerFlow({ ...SEED, signal: controller.signal }),
    );
    expect(failure).toMatchObject({ kind: 'aborted', mayHaveTriggered: false });
    // The shared token request goes on for other callers, within its bounds.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(tokenTimestamps().length).toBeLessThanOrEqual(4);
    expect(triggers()).toEqual([]);
  });
});
