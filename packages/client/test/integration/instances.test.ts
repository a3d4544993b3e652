/**
 * The instance operations (get, list, cancel), the wait and trigger-and-wait, and the raw
 * client's `?action=` path keys, against @enos-trigger/sandbox over real HTTP on 127.0.0.1.
 * Flows of the fixtures run for a short, real time, so that a wait sees RUNNING, then the end.
 */
import { defaultFixtures, type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  cancelFlowInstance,
  createSession,
  createTriggerFlowClient,
  type FlowInstancePage,
  type FlowInstanceStatusName,
  getFlowInstance,
  listFlowInstances,
  retrying,
  triggerFlow,
  triggerFlowAndWait,
  waitForFlowInstance,
} from '../../src/index.js';
import { createRawClient } from '../../src/raw.js';
import { sleep } from '../../src/signals.js';
import { countingFetch, SANDBOX_DEFAULTS, sandboxClient } from '../helpers/clients.js';

/** Runs 300 ms and succeeds; fails; runs a minute (to be cancelled, or to outlast a wait). */
const QUICK = 5100;
const FAILING = 5200;
const LONG = 5300;

// The real sleep, recorded: the waits between polls are read from what the wait asked for.
vi.mock('../../src/signals.js', async (actual) => {
  const real = await actual<typeof import('../../src/signals.js')>();
  return { ...real, sleep: vi.fn(real.sleep) };
});

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    fixtures: {
      ...defaultFixtures,
      flows: [
        ...defaultFixtures.flows,
        { flowId: QUICK, owner: 'sandbox-user', hasTasks: true, runMs: 300 },
        { flowId: FAILING, owner: 'sandbox-user', hasTasks: true, runMs: 300, result: 'FAIL' },
        { flowId: LONG, owner: 'sandbox-user', hasTasks: true, runMs: 60_000 },
      ],
    },
  });
});
afterAll(() => sandbox.close());
afterEach(() => sandbox.reset());

const session = () => createSession({ baseUrl: sandbox.url, ...SANDBOX_DEFAULTS });

/** Trigger `flowId` now and give the instance ID. */
async function started(flowId: number, triggerTime = Date.now()): Promise<string> {
  const result = await triggerFlow(session(), { flowId, triggerTime });
  if (!result.ok) throw new Error(result.error.message);
  return result.flowInstanceId;
}

async function pagesOf(iterator: AsyncIterable<FlowInstancePage>): Promise<FlowInstancePage[]> {
  const pages: FlowInstancePage[] = [];
  for await (const page of iterator) pages.push(page);
  return pages;
}

describe('getFlowInstance', () => {
  it('gives the instance a trigger created, its status named from the contract', async () => {
    const id = await started(LONG);
    const result = await getFlowInstance(session(), id);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.instance).toMatchObject({ instanceId: id, flowId: LONG, status: 2 });
    expect(result.status).toBe('RUNNING');
  });

  it("answers an unknown instance as its catalog's business error, with the advice filled in", async () => {
    const result = await getFlowInstance(session(), '3377-20000101000000');
    if (result.ok) throw new Error('expected a failure');
    expect(result.error).toMatchObject({ kind: 'business', code: 62102 });
    expect(result.error.message).toContain('EnOS refused getFlowInstance of 3377-20000101000000');
    expect(result.error.message).toContain('no instance 3377-20000101000000 exists');
    // A read changes nothing: its failures say nothing about an effect.
    expect(result.error).not.toHaveProperty('mayHaveTriggered');
    expect(result.error).not.toHaveProperty('mayHaveCancelled');
  });

  it('refuses an empty ID, or no user, before anything is sent', async () => {
    const counting = countingFetch();
    const bare = createSession({
      baseUrl: sandbox.url,
      appKey: SANDBOX_DEFAULTS.appKey,
      appSecret: SANDBOX_DEFAULTS.appSecret,
      fetch: counting.fetch,
    });
    const empty = await getFlowInstance(bare, '', { userId: 'u', orgId: 'o' });
    expect(empty).toMatchObject({
      ok: false,
      error: { kind: 'invalid-argument', argument: 'flowInstanceId' },
    });
    const noUser = await getFlowInstance(bare, '3377-20000101000000', { orgId: 'o' } as never);
    expect(noUser).toMatchObject({
      ok: false,
      error: { kind: 'invalid-argument', argument: 'userId' },
    });
    expect(counting.count('')).toBe(0);
  });

  it('is retried after a 503 (a read), when the session retries', async () => {
    const id = await started(LONG);
    sandbox.injectFault({ type: 'unavailable', operation: 'getFlowInstance', count: 1 });
    const retried: unknown[] = [];
    const s = createSession({
      baseUrl: sandbox.url,
      ...SANDBOX_DEFAULTS,
      retry: retrying({ baseDelayMs: 1, onRetry: (event) => retried.push(event.reason) }),
    });
    expect((await getFlowInstance(s, id)).ok).toBe(true);
    expect(retried).toEqual([503]);
  });
});

describe('listFlowInstances', () => {
  it('pages from 1 and stops after the last page: 5 instances by 2 are 3 requests', async () => {
    const minute = 60_000;
    const base = Date.UTC(2020, 0, 1);
    for (let i = 0; i < 5; i++) await started(QUICK, base + i * minute);
    const counting = countingFetch();
    const s = createSession({ baseUrl: sandbox.url, ...SANDBOX_DEFAULTS, fetch: counting.fetch });
    const pages = await pagesOf(
      listFlowInstances(s, {
        expression: String(QUICK),
        pageSize: 2,
        sorters: [{ field: 'triggerTime', order: 'ASC' }],
      }),
    );
    expect(
      pages.map((page) => page.ok && [page.pageNo, page.instances.length, page.count]),
    ).toEqual([
      [1, 2, 5],
      [2, 2, 5],
      [3, 1, 5],
    ]);
    const ids = pages.flatMap((page) => (page.ok ? page.instances.map((i) => i.instanceId) : []));
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(5);
    expect(counting.count('/flowInstances')).toBe(3);
  });

  it('stops at maxPages, however many remain', async () => {
    for (let i = 0; i < 3; i++) await started(QUICK, Date.UTC(2020, 0, 1) + i * 60_000);
    const pages = await pagesOf(listFlowInstances(session(), { pageSize: 1, maxPages: 2 }));
    expect(pages).toHaveLength(2);
  });

  it('gives a failure as its last page: a sorter the contract does not know', async () => {
    const pages = await pagesOf(
      listFlowInstances(session(), { sorters: [{ field: 'nope' as 'triggerTime' }] }),
    );
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ ok: false, error: { kind: 'business', code: 62102 } });
    expect(pages[0]?.ok === false && pages[0].error.message).toMatch(/Sort by createTime/);
  });

  it('refuses a pageSize of 0 before anything is sent', async () => {
    const pages = await pagesOf(listFlowInstances(session(), { pageSize: 0 }));
    expect(pages).toMatchObject([
      { ok: false, error: { kind: 'invalid-argument', argument: 'pageSize' } },
    ]);
  });
});

describe('cancelFlowInstance', () => {
  it('cancels a running instance; a second cancel is refused, and said to change nothing', async () => {
    const id = await started(LONG);
    expect(await cancelFlowInstance(session(), id)).toMatchObject({ ok: true });
    const after = await getFlowInstance(session(), id);
    expect(after.ok && after.status).toBe('CANCEL');
    const again = await cancelFlowInstance(session(), id);
    if (again.ok) throw new Error('expected a failure');
    expect(again.error).toMatchObject({ kind: 'business', code: 62102, mayHaveCancelled: false });
    expect(again.error.message).toMatch(/Nothing was cancelled\.$/);
  });

  it('is not sent again after the service failed (62109): it may have cancelled', async () => {
    const id = await started(LONG);
    sandbox.injectFault({ type: 'internal-error', operation: 'cancelFlowInstance' });
    const counting = countingFetch();
    const s = createSession({
      baseUrl: sandbox.url,
      ...SANDBOX_DEFAULTS,
      fetch: counting.fetch,
      retry: retrying({ baseDelayMs: 1 }),
    });
    const result = await cancelFlowInstance(s, id);
    if (result.ok) throw new Error('expected a failure');
    expect(result.error).toMatchObject({ mayHaveCancelled: true });
    expect(result.error.message).toMatch(/get the instance to see its status/);
    expect(counting.count('/flowInstances')).toBe(1);
  });
});

describe('waitForFlowInstance', () => {
  it('polls until a final status, telling each status once', async () => {
    const id = await started(QUICK);
    const seen: (FlowInstanceStatusName | undefined)[] = [];
    const result = await waitForFlowInstance(session(), id, {
      intervalMs: 50,
      onStatus: (status) => seen.push(status),
    });
    expect(result).toMatchObject({ ok: true, status: 'SUCCESS', instance: { instanceId: id } });
    expect(seen.at(-1)).toBe('SUCCESS');
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('ends on FAIL too: a final status is a result, not a failure', async () => {
    const id = await started(FAILING);
    expect(await waitForFlowInstance(session(), id, { intervalMs: 50 })).toMatchObject({
      ok: true,
      status: 'FAIL',
    });
  });

  it('stops at its time limit with the last status it read, the polls spaced as the backoff says', async () => {
    const id = await started(LONG);
    const counting = countingFetch();
    const s = createSession({ baseUrl: sandbox.url, ...SANDBOX_DEFAULTS, fetch: counting.fetch });
    const seen: (FlowInstanceStatusName | undefined)[] = [];
    vi.mocked(sleep).mockClear();
    const result = await waitForFlowInstance(s, id, {
      timeoutMs: 400,
      intervalMs: 50,
      maxIntervalMs: 100,
      onStatus: (status) => seen.push(status),
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'timeout', timeoutMs: 400, lastStatus: 'RUNNING' },
    });
    expect(seen).toEqual(['RUNNING']);
    // Each poll is followed by a wait, but one the time limit cut short. Wait k is drawn from
    // half to all of 50 ms grown by half k times, at most 100 ms: nine waits take at least
    // 25 + 37.5 + 7 × 50 = 412.5 ms, so at most nine polls fit in 400 ms however fast the answers.
    const waits = vi.mocked(sleep).mock.calls.map(([ms]) => ms);
    const polls = counting.count('/flowInstances');
    expect([polls - 1, polls]).toContain(waits.length);
    expect(polls).toBeLessThanOrEqual(9);
    waits.forEach((ms, k) => {
      const gap = Math.min(100, 50 * 1.5 ** k);
      expect(ms).toBeGreaterThanOrEqual(gap / 2);
      expect(ms).toBeLessThanOrEqual(gap);
    });
  });

  it('stops when your signal aborts', async () => {
    const id = await started(LONG);
    const result = await waitForFlowInstance(session(), id, {
      signal: AbortSignal.timeout(150),
      intervalMs: 50,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } });
  });

  it('stops at once on a failure that polling again would meet: no such instance', async () => {
    const counting = countingFetch();
    const s = createSession({ baseUrl: sandbox.url, ...SANDBOX_DEFAULTS, fetch: counting.fetch });
    const result = await waitForFlowInstance(s, '3377-20000101000000', { intervalMs: 10 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'business', code: 62102 } });
    expect(counting.count('/flowInstances')).toBe(1);
  });
});

describe('triggerFlowAndWait', () => {
  it('triggers, then waits for the instance it created', async () => {
    const result = await triggerFlowAndWait(session(), { flowId: QUICK }, { intervalMs: 50 });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.status).toBe('SUCCESS');
    expect(result.instance.instanceId).toBe(result.triggered.flowInstanceId);
  });

  it('gives the trigger success with a failed wait: the run started', async () => {
    const client = sandboxClient(sandbox);
    const result = await client.triggerFlowAndWait(
      { flowId: LONG },
      { timeoutMs: 200, intervalMs: 50 },
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'timeout' },
      triggered: { flowId: LONG },
    });
    // The client's trigger adds the instant its ID encodes.
    expect(result.triggered?.instant).toBeInstanceOf(Date);
  });

  it('gives a failed trigger as triggerFlow does, with nothing triggered', async () => {
    const result = await triggerFlowAndWait(session(), { flowId: 4040 });
    expect(result).toMatchObject({ ok: false, error: { kind: 'business', code: 62104 } });
    expect(result).not.toHaveProperty('triggered');
  });
});

describe('the client', () => {
  it('has every operation as a method over one session', async () => {
    const client = createTriggerFlowClient({ baseUrl: sandbox.url, ...SANDBOX_DEFAULTS });
    const id = await started(LONG);
    expect((await client.getFlowInstance(id)).ok).toBe(true);
    const pages = await pagesOf(client.listFlowInstances({ expression: id }));
    expect(pages[0]?.ok && pages[0].instances.map((i) => i.instanceId)).toEqual([id]);
    expect((await client.cancelFlowInstance(id)).ok).toBe(true);
    expect(await client.waitForFlowInstance(id)).toMatchObject({ ok: true, status: 'CANCEL' });
  });
});

describe('the raw client', () => {
  it('sends a path key that carries ?action= with the call query after it, and signs both', async () => {
    const id = await started(LONG);
    const raw = createRawClient(sandboxClient(sandbox));
    const { data: found } = await raw.POST(
      '/batch-processing-service/v2.1/flowInstances?action=search',
      {
        params: { query: { userId: 'sandbox-user', orgId: 'sandbox-org' } },
        body: { expression: id, pagination: { pageNo: 1, pageSize: 10 } },
      },
    );
    expect(found?.code).toBe(0);
    expect(found?.code === 0 && found.data?.flowInsts.map((i) => i.instanceId)).toEqual([id]);
    const { data: got } = await raw.GET('/batch-processing-service/v2.1/flowInstances?action=get', {
      params: { query: { flowInstId: id, userId: 'sandbox-user', orgId: 'sandbox-org' } },
    });
    expect(got?.code === 0 && got.data?.instanceId).toBe(id);
  });

  it('works over a session too', async () => {
    const raw = createRawClient(session());
    const { data } = await raw.POST('/batch-processing-service/v2.1/flowInstances?action=cancel', {
      params: { query: { userId: 'sandbox-user', orgId: 'sandbox-org' } },
      body: { flowInstId: await started(LONG) },
    });
    expect(data).toMatchObject({ code: 0 });
  });
});
