import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultFixtures,
  type FlowView,
  type ManualClock,
  manualClock,
  NotInFixturesError,
  type Sandbox,
  startSandbox,
} from '../src/index.js';
import { gatewayBody, tokenError, triggerError } from './support/contract.js';
import { envelope, getToken, requestToken, tokenBody, trigger } from './support/enos.js';
import { type RawResponse, send } from './support/http.js';

const START = Date.UTC(2024, 0, 1, 12, 0, 0);
const MINUTE = 60_000;
let sandbox: Sandbox;
let clock: ManualClock;
let token: string;

const control = (method: string, path: string, body?: unknown) =>
  send(sandbox.url, {
    method,
    path: `/__sandbox/${path}`,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function flow(flowId: number): Promise<FlowView> {
  const res = await control('GET', `flows/${flowId}`);
  return (res.json as { flow: FlowView }).flow;
}

beforeAll(async () => {
  clock = manualClock(START);
  sandbox = await startSandbox({ port: 0, clock });
  token = await getToken(sandbox.url);
});
beforeEach(() => control('POST', 'reset'));
afterAll(() => sandbox.close());

describe('flows and instances', () => {
  it('lists every flow with its instances and statuses', async () => {
    await trigger(sandbox.url, token, 3377, START - MINUTE);
    await trigger(sandbox.url, token, 3377, START + 5 * MINUTE);
    const res = await control('GET', 'flows');
    expect(res.status).toBe(200);
    const { now, flows } = res.json as { now: number; flows: FlowView[] };
    expect(now).toBe(START);
    expect(flows.map((f) => f.flowId)).toEqual(defaultFixtures.flows.map((f) => f.flowId));
    expect(flows[0]?.instances).toEqual([
      {
        flowInstanceId: '3377-20240101115900',
        triggerTime: START - MINUTE,
        acceptedAt: START,
        status: 'RUNNING',
        startedAt: START,
        endedAt: null,
      },
      {
        flowInstanceId: '3377-20240101120500',
        triggerTime: START + 5 * MINUTE,
        acceptedAt: START,
        // Its trigger time has not come: INIT, not yet waiting for the running one.
        status: 'INIT',
        startedAt: null,
        endedAt: null,
      },
    ]);
  });

  it('moves instances on as the clock advances, one running at a time', async () => {
    await trigger(sandbox.url, token, 2791, START - 3 * MINUTE);
    await trigger(sandbox.url, token, 2791, START - 1 * MINUTE);
    await trigger(sandbox.url, token, 2791, START - 2 * MINUTE);
    const at = async () => (await flow(2791)).instances.map((i) => i.status);
    expect(await at()).toEqual(['RUNNING', 'WAIT', 'WAIT']);
    await control('POST', 'clock/advance', { ms: 30_000 });
    expect(await at()).toEqual(['SUCCESS', 'WAIT', 'RUNNING']);
    await control('POST', 'clock/advance', { ms: 30_000 });
    expect(await at()).toEqual(['SUCCESS', 'RUNNING', 'SUCCESS']);
    await control('POST', 'clock/advance', { ms: 30_000 });
    expect(await at()).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
  });

  it('answers an unknown flow with 404', async () => {
    expect((await control('GET', 'flows/1')).status).toBe(404);
    expect((await control('GET', 'flows/abc')).status).toBe(404);
  });
});

describe('seed and reset', () => {
  it('serves seeded fixtures, and reset brings the start fixtures back', async () => {
    const seeded = await control('PUT', 'fixtures', {
      ...defaultFixtures,
      flows: [{ flowId: 77, owner: 'sandbox-user', hasTasks: true, result: 'FAIL', runMs: 1000 }],
    });
    expect(seeded.status).toBe(200);
    expect(envelope(await trigger(sandbox.url, token, 77, START)).code).toBe(0);
    expect(await trigger(sandbox.url, token, 3377, START)).toMatchObject({
      json: triggerError('cannotCreateInstance'),
    });
    await control('POST', 'clock/advance', { ms: 1000 });
    expect((await flow(77)).instances[0]?.status).toBe('FAIL');

    await control('POST', 'reset');
    expect((await control('GET', 'flows/77')).status).toBe(404);
    expect(envelope(await trigger(sandbox.url, token, 3377, START)).code).toBe(0);
  });

  it('forgets instances on reset, so a minute can be triggered again', async () => {
    expect(envelope(await trigger(sandbox.url, token, 3377, START)).code).toBe(0);
    await control('POST', 'reset');
    expect(envelope(await trigger(sandbox.url, token, 3377, START)).code).toBe(0);
  });

  it('refuses bad fixtures with 400 naming the entry, and keeps the old ones', async () => {
    const res = await control('PUT', 'fixtures', { ...defaultFixtures, flows: [{ flowId: 1 }] });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ entry: 'flows[0].owner' });
    expect(envelope(await trigger(sandbox.url, token, 3377, START)).code).toBe(0);
  });
});

describe('locks', () => {
  const lock = (what: string, locked: unknown) => control('PUT', `${what}/lock`, { locked });

  it('lock and unlock a flow and a user, as the trigger then answers', async () => {
    const locked = await lock('flows/3377', true);
    expect(locked.status).toBe(200);
    expect(locked.json).toMatchObject({ now: clock.now(), flow: { flowId: 3377, locked: true } });
    expect((await trigger(sandbox.url, token, 3377, START)).json).toEqual(
      triggerError('workflowLocked'),
    );
    expect((await lock('flows/3377', false)).json).toMatchObject({ flow: { locked: false } });
    expect(envelope(await trigger(sandbox.url, token, 3377, START)).code).toBe(0);

    const user = await lock('users/sandbox-user', true);
    expect(user.json).toEqual({
      user: { userId: 'sandbox-user', orgId: 'sandbox-org', locked: true },
    });
    expect((await trigger(sandbox.url, token, 2791, START)).json).toEqual(
      triggerError('userLocked'),
    );
  });

  it('last until reset, which brings back the fixtures’ own locks', async () => {
    await lock('flows/3377', true);
    await lock('flows/4230', false);
    await lock('users/locked-user', false);
    await control('POST', 'reset');
    expect([(await flow(3377)).locked, (await flow(4230)).locked]).toEqual([false, true]);
    expect((await trigger(sandbox.url, token, 4231, START, 'locked-user')).json).toEqual(
      triggerError('userLocked'),
    );
  });

  it('are refused for what the fixtures lack (404) and for a body that is not {"locked": true|false} (400)', async () => {
    for (const what of ['flows/1', 'flows/abc', 'users/ghost', 'users/a%2Fb']) {
      const res = await lock(what, true);
      expect([what, res.status]).toEqual([what, 404]);
      expect((res.json as { error: string }).error).toMatch(/GET \/__sandbox\/flows lists/);
    }
    for (const body of [{ locked: 'yes' }, { locked: 1 }, {}, null, [true]]) {
      const res = await control('PUT', 'flows/3377/lock', body);
      expect([body, res.status]).toEqual([body, 400]);
      expect((res.json as { error: string }).error).toBe(
        'Send {"locked": true} or {"locked": false}.',
      );
    }
    expect((await lock('users/%E0%A4%A', true)).status).toBe(400);
    const wrong = await control('POST', 'flows/3377/lock', { locked: true });
    expect([wrong.status, wrong.headers.allow]).toEqual([405, 'PUT']);
    expect((await flow(3377)).locked).toBe(false);
  });

  it('are offered to tests as setUserLocked and setFlowLocked', async () => {
    expect(sandbox.setFlowLocked(3377, true)).toMatchObject({ flowId: 3377, locked: true });
    expect((await flow(3377)).locked).toBe(true);
    expect(() => sandbox.setUserLocked('ghost', true)).toThrow(NotInFixturesError);
    expect(() => sandbox.setFlowLocked(1, true)).toThrow(/no flow 1: name one they have/);
  });
});

describe('the manual clock', () => {
  it('is read, advanced and set forward, and reset leaves it where it is', async () => {
    const now = clock.now();
    expect((await control('GET', 'clock')).json).toEqual({
      kind: 'manual',
      now,
      iso: new Date(now).toISOString(),
    });
    expect((await control('POST', 'clock/advance', { ms: 500 })).json).toMatchObject({
      now: now + 500,
    });
    expect((await control('POST', 'clock/set', { now: now + 2000 })).json).toMatchObject({
      now: now + 2000,
    });
    await control('POST', 'reset');
    expect(clock.now()).toBe(now + 2000);
  });

  it('refuses to go back or to take a bad amount', async () => {
    for (const [path, body] of [
      ['clock/set', { now: 0 }],
      ['clock/advance', { ms: -1 }],
      ['clock/advance', { ms: 1.5 }],
      ['clock/advance', { ms: '5' }],
      ['clock/advance', null],
    ] as const) {
      const res = await control('POST', path, body);
      expect([path, body, res.status]).toEqual([path, body, 400]);
      expect((res.json as { error: string }).error).toBeTruthy();
    }
  });

  it('is refused with 409 when the sandbox runs on the system clock', async () => {
    const system = await startSandbox({ port: 0 });
    try {
      const res = await send(system.url, {
        path: '/__sandbox/clock/advance',
        headers: { 'content-type': 'application/json' },
        body: '{"ms":1}',
      });
      expect(res.status).toBe(409);
      expect((res.json as { error: string }).error).toMatch(/--clock manual/);
    } finally {
      await system.close();
    }
  });
});

describe('faults', () => {
  const seedTrigger = () => trigger(sandbox.url, token, 3377, START);

  it('62109 for one call, then the service answers again', async () => {
    expect((await control('POST', 'faults', { type: 'internal-error' })).status).toBe(201);
    expect((await seedTrigger()).json).toEqual(triggerError('internalError'));
    expect(envelope(await seedTrigger()).code).toBe(0);
  });

  it('429 with Retry-After for a while of sandbox time', async () => {
    await control('POST', 'faults', { type: 'rate-limit', forMs: 10_000, retryAfterSeconds: 7 });
    for (let i = 0; i < 3; i++) {
      const res = await seedTrigger();
      expect([res.status, res.json, res.headers['retry-after']]).toEqual([
        429,
        gatewayBody('triggerFlow', 429),
        '7',
      ]);
    }
    await control('POST', 'clock/advance', { ms: 10_000 });
    expect(envelope(await seedTrigger()).code).toBe(0);
  });

  it('503 for a number of calls', async () => {
    await control('POST', 'faults', { type: 'unavailable', count: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await seedTrigger()).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('a slow answer, held until the clock reaches its delay', async () => {
    await control('POST', 'faults', { type: 'slow', delayMs: 5000 });
    let answered: RawResponse | undefined;
    const slow = seedTrigger().then((res) => {
      answered = res;
    });
    // A later call is answered while the slow one is still held.
    expect((await control('GET', 'faults')).status).toBe(200);
    expect(answered).toBeUndefined();
    await control('POST', 'clock/advance', { ms: 4999 });
    expect(answered).toBeUndefined();
    await control('POST', 'clock/advance', { ms: 1 });
    await slow;
    expect(envelope(answered as RawResponse).code).toBe(0);
  });

  it('hits the token endpoint when told to, with its own envelope', async () => {
    await control('POST', 'faults', { type: 'internal-error', operation: 'getAccessToken' });
    expect((await requestToken(sandbox.url, tokenBody())).json).toEqual(
      tokenError('internalError'),
    );
    await control('POST', 'faults', { type: 'unavailable', operation: 'any' });
    expect((await requestToken(sandbox.url, tokenBody())).status).toBe(503);
    expect(envelope(await seedTrigger()).code).toBe(0);
  });

  it('are listed and cleared', async () => {
    await control('POST', 'faults', { type: 'unavailable', forMs: 1000 });
    const injectedAt = clock.now();
    const listed = (await control('GET', 'faults')).json as { faults: unknown[] };
    expect(listed.faults).toEqual([
      {
        id: expect.any(Number),
        type: 'unavailable',
        operation: 'triggerFlow',
        remaining: null,
        until: injectedAt + 1000,
        delayMs: 1000,
        retryAfterSeconds: 1,
      },
    ]);
    await control('DELETE', 'faults');
    expect((await control('GET', 'faults')).json).toEqual({ faults: [] });
    expect(envelope(await seedTrigger()).code).toBe(0);
  });

  it('refuses a bad fault with 400 saying what to send', async () => {
    for (const body of [
      { type: 'explode' },
      { type: 'slow', delayMs: -5 },
      { type: 'slow', count: 0 },
      { type: 'unavailable', operation: 'listFlows' },
      { type: 'unavailable', extra: 1 },
      [],
    ]) {
      const res = await control('POST', 'faults', body);
      expect([body, res.status]).toEqual([body, 400]);
    }
  });
});

describe('the control routes', () => {
  it('answer 404 for an unknown route and 405 with Allow for a wrong method', async () => {
    expect((await control('GET', 'nothing')).status).toBe(404);
    const wrong = await control('GET', 'reset');
    expect([wrong.status, wrong.headers.allow]).toEqual([405, 'POST']);
    const notJson = await send(sandbox.url, {
      path: '/__sandbox/faults',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });
});
