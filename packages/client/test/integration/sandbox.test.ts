/**
 * The client against @enos-trigger/sandbox over real HTTP on 127.0.0.1: the contract's
 * behaviour as the sandbox serves it, with its default fixtures and faults.
 */

import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { errorCatalog, operationRoute } from '@enos-trigger/spec';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RetryEvent, TriggerFlowError, type TriggerFlowResult } from '../../src/index.js';
import {
  countingFetch,
  failureOf,
  SANDBOX_DEFAULTS,
  SEED,
  sandboxClient,
} from '../helpers/clients.js';

const catalog = errorCatalog('triggerFlow');
const codeOf = (name: string) => {
  const entry = catalog.find((e) => e.name === name);
  if (!entry) throw new Error(`The contract has no "${name}" example.`);
  return entry;
};
const MINUTE = 60_000;
/** A distinct minute per call, so that the one-trigger-per-minute rule never interferes. */
let minute = 0;
const freshTime = () => Date.UTC(2020, 0, 1) + ++minute * MINUTE;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.reset());

describe('success', () => {
  it("gives the seed request's instance, 3377-20191122012300, and its parts", async () => {
    const result = await sandboxClient(sandbox).triggerFlow(SEED);
    expect(result).toMatchObject({
      ok: true,
      flowInstanceId: '3377-20191122012300',
      flowId: 3377,
      instant: new Date('2019-11-22T01:23:00Z'),
    });
    expect(sandbox.flow(3377)?.instances.map((i) => i.flowInstanceId)).toEqual([
      '3377-20191122012300',
    ]);
  });

  it('takes a Date, and defaults the trigger time to now', async () => {
    const client = sandboxClient(sandbox);
    const fromDate = await client.triggerFlow({ flowId: 2791, triggerTime: new Date(0) });
    expect(fromDate).toMatchObject({ ok: true, flowInstanceId: '2791-19700101000000' });
    const before = Math.floor(Date.now() / MINUTE) * MINUTE;
    const now = await client.triggerFlow({ flowId: 3377 });
    const after = Date.now();
    if (!now.ok) throw new Error(now.error.message);
    expect(now.instant?.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.instant?.getTime()).toBeLessThanOrEqual(after);
  });

  it("uses the call's userId and orgId over the client's", async () => {
    const client = sandboxClient(sandbox, { userId: 'nobody', orgId: 'nowhere' });
    expect(
      await client.triggerFlow({ ...SEED, userId: 'sandbox-user', orgId: 'sandbox-org' }),
    ).toMatchObject({
      ok: true,
    });
  });
});

describe('business errors, as the sandbox provokes them', () => {
  const cases: [string, () => Promise<TriggerFlowResult>][] = [
    ['userNotInOrg', () => sandboxClient(sandbox, { userId: 'nobody' }).triggerFlow(SEED)],
    ['cannotCreateInstance', () => sandboxClient(sandbox).triggerFlow({ ...SEED, flowId: 9999 })],
    ['noPrivilege', () => sandboxClient(sandbox).triggerFlow({ ...SEED, flowId: 4030 })],
    ['noTask', () => sandboxClient(sandbox).triggerFlow({ ...SEED, flowId: 4040 })],
    [
      'userLocked',
      () =>
        sandboxClient(sandbox, { userId: 'locked-user' }).triggerFlow({ ...SEED, flowId: 4231 }),
    ],
    ['workflowLocked', () => sandboxClient(sandbox).triggerFlow({ ...SEED, flowId: 4230 })],
    [
      'internalError',
      () => {
        sandbox.injectFault({ type: 'internal-error' });
        return sandboxClient(sandbox).triggerFlow(SEED);
      },
    ],
  ];

  it.each(cases)('%s', async (name, call) => {
    const entry = codeOf(name);
    const failure = failureOf(await call());
    // The internal error's advice says a run may or may not have started.
    const may = name === 'internalError';
    expect(failure).toMatchObject({
      kind: 'business',
      code: entry.code,
      msg: entry.message,
      mayHaveTriggered: may,
    });
    expect(failure.message).toContain(String(entry.code));
    expect(failure.message).toContain(may ? 'A run may have started' : 'Nothing was started');
    // The contract's advice, its first words before any placeholder.
    const [lead = ''] = entry.advice.replace(/\s+/g, ' ').replaceAll('`', '').split('{');
    expect(failure.message).toContain(lead.trim());
    expect(failure.message).not.toMatch(/[{}]/);
  });

  it('refuses a second trigger of one workflow in the same minute', async () => {
    const client = sandboxClient(sandbox);
    expect((await client.triggerFlow(SEED)).ok).toBe(true);
    const failure = failureOf(
      await client.triggerFlow({ ...SEED, triggerTime: SEED.triggerTime + 1000 }),
    );
    expect(failure).toMatchObject({ kind: 'business', code: codeOf('cannotCreateInstance').code });
  });
});

describe('the token', () => {
  it('is asked for once by concurrent calls, and then reused', async () => {
    const counter = countingFetch();
    const client = sandboxClient(sandbox, { fetch: counter.fetch });
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        client.triggerFlow({ flowId: 3377, triggerTime: freshTime() }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await client.triggerFlow({ flowId: 3377, triggerTime: freshTime() })).toMatchObject({
      ok: true,
    });
    expect(counter.count('/token/get')).toBe(1);
    expect(counter.count('/flows')).toBe(9);
  });

  it('is refreshed once, and the call sent again once, when the service says it expired', async () => {
    const manual = await startSandbox({ port: 0, clock: 'manual' });
    try {
      const counter = countingFetch();
      const client = sandboxClient(manual, { fetch: counter.fetch });
      expect((await client.triggerFlow({ flowId: 3377, triggerTime: freshTime() })).ok).toBe(true);
      // Past the sandbox's token lifetime: the client's clock still deems its token valid.
      manual.advanceClock(7200 * 1000 + 1);
      expect(await client.triggerFlow({ flowId: 3377, triggerTime: freshTime() })).toMatchObject({
        ok: true,
      });
      expect(counter.count('/token/get')).toBe(2);
      expect(counter.count('/flows')).toBe(3);
    } finally {
      await manual.close();
    }
  });

  it('is asked for with a new timestamp even within the same millisecond', async () => {
    // The token service refuses an encryption it has seen (duplicatedEncryption): a refresh
    // must not repeat the last timestamp, even on a clock that stands still.
    const manual = await startSandbox({ port: 0, clock: 'manual' });
    try {
      const frozen = Date.now();
      const counter = countingFetch();
      const client = sandboxClient(manual, { fetch: counter.fetch, now: () => frozen });
      expect((await client.triggerFlow({ flowId: 3377, triggerTime: freshTime() })).ok).toBe(true);
      manual.advanceClock(7200 * 1000 + 1);
      expect(await client.triggerFlow({ flowId: 3377, triggerTime: freshTime() })).toMatchObject({
        ok: true,
      });
      expect(counter.count('/token/get')).toBe(2);
    } finally {
      await manual.close();
    }
  });

  it('is replaced shortly before it expires, without waiting for a refusal', async () => {
    // A wide timestamp window lets the client's clock run ahead of the sandbox's.
    const ahead = await startSandbox({ port: 0, timestampWindowMs: 3 * 3600 * 1000 });
    try {
      let offset = 0;
      const counter = countingFetch();
      const client = sandboxClient(ahead, { fetch: counter.fetch, now: () => Date.now() + offset });
      const trigger = () => client.triggerFlow({ flowId: 3377, triggerTime: freshTime() });
      expect((await trigger()).ok).toBe(true);
      // The default token lives 7200 s; the client stops using it 60 s before.
      offset = 7200_000 - 60_000 - 5_000;
      expect((await trigger()).ok).toBe(true);
      expect(counter.count('/token/get')).toBe(1);
      offset = 7200_000 - 60_000 + 5_000;
      expect((await trigger()).ok).toBe(true);
      expect(counter.count('/token/get')).toBe(2);
      expect(counter.count('/flows')).toBe(3);
    } finally {
      await ahead.close();
    }
  });

  it('refused for a wrong secret gives an auth failure that does not show the secret', async () => {
    const secret = 'not-the-sandbox-secret';
    const failure = failureOf(
      await sandboxClient(sandbox, { appSecret: secret }).triggerFlow(SEED),
    );
    const invalidEncryption = errorCatalog('getAccessToken').find(
      (e) => e.name === 'invalidEncryption',
    );
    expect(failure).toMatchObject({
      kind: 'auth',
      status: invalidEncryption?.code,
      mayHaveTriggered: false,
    });
    expect(failure.message).toMatch(/appSecret/);
    expect(JSON.stringify(failure)).not.toContain(secret);
  });

  it('makes the authenticated transport (client.fetch) reject with a TriggerFlowError', async () => {
    const secret = 'not-the-sandbox-secret';
    const client = sandboxClient(sandbox, { appSecret: secret });
    const { method, path } = operationRoute('triggerFlow');
    const request = new Request(`${sandbox.url}${path}?action=trigger`, {
      method,
      body: JSON.stringify(SEED),
    });
    const thrown = await client.fetch(request).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(TriggerFlowError);
    expect(thrown).toMatchObject({ failure: { kind: 'auth' } });
    expect(String((thrown as Error).stack)).not.toContain(secret);
    expect(sandbox.flow(3377)?.instances).toEqual([]);
  });
});

describe('retries', () => {
  it('honours Retry-After on a 429, then succeeds', async () => {
    sandbox.injectFault({ type: 'rate-limit', retryAfterSeconds: 1 });
    const events: RetryEvent[] = [];
    const client = sandboxClient(sandbox, { retry: { onRetry: (e) => events.push(e) } });
    expect(await client.triggerFlow(SEED)).toMatchObject({
      ok: true,
      flowInstanceId: '3377-20191122012300',
    });
    expect(events).toEqual([{ attempt: 1, delayMs: 1000, reason: 429 }]);
  });

  it('gives up after the configured count, with the last 429 and its Retry-After', async () => {
    sandbox.injectFault({ type: 'rate-limit', retryAfterSeconds: 0, count: 10 });
    const events: RetryEvent[] = [];
    const client = sandboxClient(sandbox, {
      retry: { retries: 3, onRetry: (e) => events.push(e) },
    });
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({
      kind: 'gateway',
      status: 429,
      attempts: 4,
      retryAfterMs: 0,
      mayHaveTriggered: false,
    });
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(sandbox.flow(3377)?.instances).toEqual([]);
  });

  it('does not wait for a Retry-After beyond its time budget', async () => {
    sandbox.injectFault({ type: 'rate-limit', retryAfterSeconds: 30 });
    const events: RetryEvent[] = [];
    const client = sandboxClient(sandbox, {
      retry: { maxElapsedMs: 5000, onRetry: (e) => events.push(e) },
    });
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({
      kind: 'gateway',
      status: 429,
      attempts: 1,
      retryAfterMs: 30_000,
    });
    expect(events).toEqual([]);
  });

  it('retries a 503 with backoff, and not at all when retries are off', async () => {
    sandbox.injectFault({ type: 'unavailable' });
    const events: RetryEvent[] = [];
    const client = sandboxClient(sandbox, {
      retry: { baseDelayMs: 20, onRetry: (e) => events.push(e) },
    });
    expect((await client.triggerFlow(SEED)).ok).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]?.reason).toBe(503);
    // Equal jitter: between half and all of the base delay.
    expect(events[0]?.delayMs).toBeGreaterThanOrEqual(10);
    expect(events[0]?.delayMs).toBeLessThanOrEqual(20);

    sandbox.injectFault({ type: 'unavailable' });
    const once = sandboxClient(sandbox, { retry: false });
    expect(failureOf(await once.triggerFlow({ ...SEED, flowId: 2791 }))).toMatchObject({
      kind: 'gateway',
      status: 503,
      attempts: 1,
    });
  });

  it('never resends a trigger the service may have received', async () => {
    sandbox.injectFault({ type: 'internal-error', count: 5 });
    const events: RetryEvent[] = [];
    const client = sandboxClient(sandbox, { retry: { onRetry: (e) => events.push(e) } });
    expect(failureOf(await client.triggerFlow(SEED))).toMatchObject({ kind: 'business' });
    expect(events).toEqual([]);
    expect(sandbox.faults()[0]?.remaining).toBe(4);
  });
});

describe('time limits', () => {
  it('times out a trigger the server never answers, and says it may have started', async () => {
    sandbox.injectFault({ type: 'slow', delayMs: 600_000 });
    const failure = failureOf(await sandboxClient(sandbox, { timeoutMs: 300 }).triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'timeout', timeoutMs: 300, mayHaveTriggered: true });
    expect(failure.message).toMatch(/timeoutMs/);
    expect(failure.message).toMatch(/instances before you retry/);
  });

  it('covers the token request: nothing was started', async () => {
    sandbox.injectFault({ type: 'slow', operation: 'getAccessToken', delayMs: 600_000 });
    const client = sandboxClient(sandbox, { timeoutMs: 10_000 });
    const failure = failureOf(await client.triggerFlow({ ...SEED, timeoutMs: 300 }));
    expect(failure).toMatchObject({ kind: 'timeout', timeoutMs: 300, mayHaveTriggered: false });
    expect(sandbox.flow(3377)?.instances).toEqual([]);
  });

  it("stops at the caller's signal", async () => {
    sandbox.injectFault({ type: 'slow', delayMs: 600_000 });
    const controller = new AbortController();
    const pending = sandboxClient(sandbox).triggerFlow({ ...SEED, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(failureOf(await pending)).toMatchObject({ kind: 'aborted', mayHaveTriggered: true });

    const already = AbortSignal.abort();
    const failure = failureOf(
      await sandboxClient(sandbox).triggerFlow({ ...SEED, signal: already }),
    );
    expect(failure).toMatchObject({ kind: 'aborted', mayHaveTriggered: false });
  });

  it("stops the call's timer and the token request's once they are over", async () => {
    // A timer left running per call (as AbortSignal.timeout's is) is work and garbage for nothing.
    const setTimer = vi.spyOn(globalThis, 'setTimeout');
    const clearTimer = vi.spyOn(globalThis, 'clearTimeout');
    try {
      const client = sandboxClient(sandbox, { timeoutMs: 23_456 });
      const result = await client.triggerFlow({
        ...SEED,
        triggerTime: freshTime(),
        timeoutMs: 12_345,
      });
      expect(result.ok).toBe(true);
      const limits = setTimer.mock.calls.flatMap(([, ms], index) =>
        ms === 23_456 || ms === 12_345 ? [setTimer.mock.results[index]?.value] : [],
      );
      expect(limits).toHaveLength(2);
      for (const timer of limits) expect(clearTimer).toHaveBeenCalledWith(timer);
    } finally {
      setTimer.mockRestore();
      clearTimer.mockRestore();
    }
  });
});

describe('the raw client', () => {
  it('sends signed, typed requests and leaves the answer to the caller', async () => {
    const { createRawClient } = await import('../../src/raw.js');
    const raw = createRawClient(sandboxClient(sandbox));
    const { data, response } = await raw.POST('/batch-processing-service/v2.1/flows', {
      params: {
        query: {
          action: 'trigger',
          userId: SANDBOX_DEFAULTS.userId,
          orgId: SANDBOX_DEFAULTS.orgId,
        },
      },
      body: SEED,
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ code: 0, data: { flowInstanceId: '3377-20191122012300' } });
  });
});
