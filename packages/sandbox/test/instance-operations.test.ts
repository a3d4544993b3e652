/**
 * Get, List and Cancel Flow Instance over HTTP: answers the contract's schemas accept, the
 * documented answer to each kind of bad input (and the server serving on after it), and the
 * instance model seen through them: statuses, times in the server's zone, cancelling.
 */
import { flowInstanceStatuses } from '@enos-trigger/spec';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ManualClock, manualClock, type Sandbox, startSandbox } from '../src/index.js';
import { answerValidator, businessError } from './support/contract.js';
import { callOperation, envelope, getToken, OWNER, trigger } from './support/enos.js';
import type { RawResponse } from './support/http.js';

const START = Date.UTC(2024, 0, 1, 12, 0, 0);
const MINUTE = 60_000;
const RUN_MS = 30_000;
const OTHER = { userId: 'other-user', orgId: 'sandbox-org' };

let clock: ManualClock;
let sandbox: Sandbox;
let token: string;

// A sandbox per test, its clock at START: the times each test expects are START's.
beforeEach(async () => {
  clock = manualClock(START);
  sandbox = await startSandbox({ port: 0, clock });
  token = await getToken(sandbox.url);
});
afterEach(() => sandbox.close());

const code = (name: string) => flowInstanceStatuses().find((s) => s.name === name)?.code;
const validGet = answerValidator('getFlowInstance');
const validList = answerValidator('listFlowInstances');
const validCancel = answerValidator('cancelFlowInstance');

async function triggered(flowId: number, triggerTime: number, userId = OWNER.userId) {
  const res = await trigger(sandbox.url, token, flowId, triggerTime, userId);
  return (envelope(res).data as { flowInstanceId: string }).flowInstanceId;
}

function get(flowInstId: string, as = OWNER) {
  return callOperation(sandbox.url, token, 'getFlowInstance', {
    query: [['flowInstId', flowInstId]],
    ...as,
  });
}

function list(body: unknown, as = OWNER) {
  return callOperation(sandbox.url, token, 'listFlowInstances', { body, ...as });
}

function cancel(flowInstId: string, as = OWNER) {
  return callOperation(sandbox.url, token, 'cancelFlowInstance', { body: { flowInstId }, ...as });
}

type Instance = Record<string, unknown> & { instanceId: string; status: number };
const data = <T>(res: RawResponse) => envelope(res).data as T;
const page = (res: RawResponse) => data<{ flowInsts: Instance[]; count: number }>(res);
const ids = (res: RawResponse) => page(res).flowInsts.map((i) => i.instanceId);

/** The server still answers a good call after a bad one. */
async function stillServing() {
  const res = await list({});
  expect(res.status).toBe(200);
  expect(envelope(res).code).toBe(0);
}

describe('Get Flow Instance', () => {
  it('answers the contract’s FlowInstance, times in UTC, calDt the day before', async () => {
    const id = await triggered(3377, START - 90_000);
    const res = await get(id);
    expect(validGet(res.json), JSON.stringify(validGet.errors)).toBe(true);
    expect(data(res)).toMatchObject({
      instanceId: id,
      flowId: 3377,
      flowName: 'daily_load',
      owner: OWNER.userId,
      status: code('RUNNING'),
      statusDesc: 'RUNNING',
      triggerTime: '2024-01-01 11:58:30',
      startTime: '2024-01-01 12:00:00',
      endTime: '',
      timestamp: '2024-01-01 12:00:00.0',
      calDt: '2023-12-31',
    });
  });

  it('shows the instance’s life: INIT before its trigger time, WAIT behind a running one, then SUCCESS', async () => {
    const first = await triggered(2791, START);
    const later = await triggered(2791, START + MINUTE);
    const status = async (id: string) => data<Instance>(await get(id)).statusDesc;
    expect(await status(later)).toBe('INIT');
    clock.advance(MINUTE - 1);
    expect([await status(first), await status(later)]).toEqual(['SUCCESS', 'INIT']);
    expect(data<Instance>(await get(first)).endTime).toBe('2024-01-01 12:00:30');
    clock.advance(1);
    const behind = await triggered(2791, START - MINUTE);
    expect([await status(later), await status(behind)]).toEqual(['RUNNING', 'WAIT']);
    clock.advance(RUN_MS);
    expect([await status(later), await status(behind)]).toEqual(['SUCCESS', 'RUNNING']);
  });

  it.each([
    ['an unknown ID', '3377-20000101000000'],
    ['an ID of an unknown workflow', '999-20240101120000'],
    ['a malformed ID', 'not-an-id'],
    ['an ID with a trailing space', '3377-20240101120000 '],
  ])('answers %s with instanceNotFound, and serves on', async (_, id) => {
    await triggered(3377, START);
    const res = await get(id);
    expect(res.json).toEqual(businessError('getFlowInstance', 'instanceNotFound'));
    expect(validGet(res.json)).toBe(true);
    await stillServing();
  });

  it('refuses another user’s instance with 62103', async () => {
    const theirs = await triggered(4030, START, OTHER.userId);
    expect((await get(theirs)).json).toEqual(businessError('getFlowInstance', 'noPrivilege'));
    expect(envelope(await get(theirs, OTHER)).code).toBe(0);
  });

  it('answers an unknown user, an empty or a missing flowInstId as the contract says', async () => {
    expect((await get('x', { userId: 'ghost', orgId: 'sandbox-org' })).json).toEqual(
      businessError('getFlowInstance', 'userNotInOrg'),
    );
    expect((await get('')).json).toEqual(businessError('getFlowInstance', 'invalidRequest'));
    const missing = await callOperation(sandbox.url, token, 'getFlowInstance');
    expect(missing.json).toEqual(businessError('getFlowInstance', 'invalidRequest'));
    await stillServing();
  });

  it('writes times in the server time zone it is given', async () => {
    const east = await startSandbox({ port: 0, clock, timeZone: 'GMT+8' });
    try {
      const eastToken = await getToken(east.url);
      await trigger(east.url, eastToken, 3377, START);
      const res = await callOperation(east.url, eastToken, 'getFlowInstance', {
        query: [['flowInstId', '3377-20240101120000']],
      });
      expect(data(res)).toMatchObject({
        triggerTime: '2024-01-01 20:00:00',
        calDt: '2023-12-31',
      });
    } finally {
      await east.close();
    }
  });

  it('refuses a time zone it does not know before it listens', async () => {
    await expect(startSandbox({ port: 0, timeZone: 'Mars/Olympus' })).rejects.toThrow(
      /IANA time zone name/,
    );
  });
});

describe('List Flow Instances', () => {
  /** Five instances of 3377 a minute apart, and one of 2791; the clock then past them all. */
  async function five() {
    const made = [];
    for (let n = 0; n < 5; n++) made.push(await triggered(3377, START + n * MINUTE));
    made.push(await triggered(2791, START));
    return made;
  }

  it('answers every own instance, the latest trigger time first, with isCancelled', async () => {
    const made = await five();
    await triggered(4030, START, OTHER.userId);
    const res = await list({});
    expect(validList(res.json), JSON.stringify(validList.errors)).toBe(true);
    expect(page(res).count).toBe(6);
    expect(ids(res)).toEqual([made[4], made[3], made[2], made[1], made[0], made[5]]);
    expect(page(res).flowInsts.every((i) => i.isCancelled === false)).toBe(true);
  });

  it('pages from 1, and answers a page past the end empty with the full count', async () => {
    const made = await five();
    const sorted = [{ field: 'createTime', order: 'ASC' }];
    const at = (pageNo: number) => list({ pagination: { pageNo, pageSize: 2, sorters: sorted } });
    expect(ids(await at(1))).toEqual(made.slice(0, 2));
    expect(ids(await at(3))).toEqual(made.slice(4, 6));
    const past = await at(4);
    expect(page(past)).toEqual({ flowInsts: [], count: 6 });
    expect(validList(past.json)).toBe(true);
  });

  it('takes a pageSize of 10^9 as one page of everything', async () => {
    await five();
    const res = await list({ pagination: { pageNo: 1, pageSize: 1e9 } });
    expect(page(res).flowInsts).toHaveLength(6);
  });

  it.each([
    ['pageSize 0', { pagination: { pageNo: 1, pageSize: 0 } }],
    ['pageNo 0', { pagination: { pageNo: 0, pageSize: 10 } }],
    ['pageSize over int32', { pagination: { pageNo: 1, pageSize: 2 ** 31 } }],
    ['a status that is not codes', { status: 'RUNNING' }],
    ['a type outside 0-2', { type: 7 }],
    ['a body that is not an object', []],
  ])('answers %s with invalidRequest, and serves on', async (_, body) => {
    const res = await list(body);
    expect(res.json).toEqual(businessError('listFlowInstances', 'invalidRequest'));
    await stillServing();
  });

  it('answers an unknown sort field with the documented 62102 sorters answer', async () => {
    const res = await list({
      pagination: { pageNo: 1, pageSize: 10, sorters: [{ field: 'name' }] },
    });
    expect(res.json).toEqual(businessError('listFlowInstances', 'invalidSorter'));
    await stillServing();
  });

  it('refuses another owner with 62103 and an unknown user with 62101', async () => {
    expect((await list({ owner: OTHER.userId })).json).toEqual(
      businessError('listFlowInstances', 'noPrivilege'),
    );
    expect((await list({}, { userId: 'ghost', orgId: 'sandbox-org' })).json).toEqual(
      businessError('listFlowInstances', 'userNotInOrg'),
    );
    expect(envelope(await list({ owner: OWNER.userId })).code).toBe(0);
  });

  it('filters by expression on the ID or the workflow name, ignoring case', async () => {
    const made = await five();
    expect(page(await list({ expression: 'DAILY' })).count).toBe(5);
    expect(ids(await list({ expression: made[2]?.slice(-8) }))).toEqual([made[2]]);
    expect(page(await list({ expression: '2791-' })).count).toBe(1);
  });

  it('filters by trigger time, both bounds inclusive, and by type', async () => {
    const made = await five();
    const window = { fromTriggerTime: START + MINUTE, toTriggerTime: START + 3 * MINUTE };
    expect(ids(await list(window))).toEqual([made[3], made[2], made[1]]);
    expect(page(await list({ type: 1 })).count).toBe(0);
    expect(page(await list({ type: 0 })).count).toBe(6);
  });

  it('filters by a comma-separated status string, or one integer', async () => {
    await five();
    // 3377: one running, four waiting for a trigger time to come (INIT); 2791 waits for
    // nothing: it runs.
    const count = async (status: unknown) => page(await list({ status })).count;
    expect(await count(`${code('RUNNING')}`)).toBe(2);
    expect(await count(`${code('INIT')}, ${code('RUNNING')}`)).toBe(6);
    expect(await count(code('INIT'))).toBe(4);
    clock.advance(10 * MINUTE);
    expect(await count(`${code('SUCCESS')}`)).toBe(6);
  });

  it('sorts by each documented field, also written in snake_case, unstarted ones last', async () => {
    const made = await five();
    const by = (field: string, order: string) =>
      list({ pagination: { pageNo: 1, pageSize: 10, sorters: [{ field, order }] } });
    expect(ids(await by('trigger_time', 'ASC'))).toEqual([
      made[0],
      made[5],
      made[1],
      made[2],
      made[3],
      made[4],
    ]);
    const started = ids(await by('startTime', 'DESC'));
    expect(started.slice(0, 2).sort()).toEqual([made[0], made[5]].sort());
    expect(started.slice(2)).toEqual(made.slice(1, 5));
    expect(envelope(await by('end_time', 'DESC')).code).toBe(0);
    expect(envelope(await by('updateTime', 'ASC')).code).toBe(0);
  });

  it('takes trigger times as strings: epoch ms, or server time', async () => {
    const made = await five();
    const asText = await list({
      fromTriggerTime: String(START + 4 * MINUTE),
      toTriggerTime: '2024-01-01 12:04:00',
    });
    expect(ids(asText)).toEqual([made[4]]);
    expect((await list({ fromTriggerTime: 'yesterday' })).json).toEqual(
      businessError('listFlowInstances', 'invalidRequest'),
    );
  });
});

describe('Cancel Flow Instance', () => {
  it('ends a waiting instance CANCEL; it never runs', async () => {
    const running = await triggered(3377, START);
    const waiting = await triggered(3377, START - MINUTE);
    const res = await cancel(waiting);
    expect(validCancel(res.json)).toBe(true);
    expect(res.json).toMatchObject({ code: 0, data: '' });
    clock.advance(10 * MINUTE);
    const got = data<Instance>(await get(waiting));
    expect(got).toMatchObject({
      statusDesc: 'CANCEL',
      startTime: '',
      endTime: '2024-01-01 12:00:00',
    });
    expect(data<Instance>(await get(running)).statusDesc).toBe('SUCCESS');
    const listed = page(await list({ expression: waiting })).flowInsts[0];
    expect(listed?.isCancelled).toBe(true);
  });

  it('ends a running instance CANCEL and starts the next waiting one of its workflow', async () => {
    const running = await triggered(3377, START);
    const next = await triggered(3377, START - MINUTE);
    clock.advance(10_000);
    expect(envelope(await cancel(running)).code).toBe(0);
    expect(data<Instance>(await get(running))).toMatchObject({
      statusDesc: 'CANCEL',
      startTime: '2024-01-01 12:00:00',
      endTime: '2024-01-01 12:00:10',
    });
    expect(data<Instance>(await get(next))).toMatchObject({
      statusDesc: 'RUNNING',
      startTime: '2024-01-01 12:00:10',
    });
    clock.advance(RUN_MS);
    expect(data<Instance>(await get(next)).statusDesc).toBe('SUCCESS');
  });

  it('refuses a finished instance with instanceFinished and changes nothing', async () => {
    const id = await triggered(3377, START);
    clock.advance(RUN_MS);
    expect((await cancel(id)).json).toEqual(
      businessError('cancelFlowInstance', 'instanceFinished'),
    );
    expect(data<Instance>(await get(id)).statusDesc).toBe('SUCCESS');
    const waiting = await triggered(3377, START + MINUTE);
    await cancel(waiting);
    expect((await cancel(waiting)).json).toEqual(
      businessError('cancelFlowInstance', 'instanceFinished'),
    );
  });

  it('refuses another user’s instance with 62103, leaving it as it was', async () => {
    const theirs = await triggered(4030, START, OTHER.userId);
    expect((await cancel(theirs)).json).toEqual(businessError('cancelFlowInstance', 'noPrivilege'));
    expect(data<Instance>(await get(theirs, OTHER)).statusDesc).toBe('RUNNING');
  });

  it('refuses a locked user with userLocked, whatever instance it names, and cancels nothing', async () => {
    const id = await triggered(3377, START);
    sandbox.setUserLocked(OWNER.userId, true);
    const res = await cancel(id);
    expect(res.json).toEqual(businessError('cancelFlowInstance', 'userLocked'));
    expect(validCancel(res.json)).toBe(true);
    // The user's lock comes before the instance is looked up, or its owner checked.
    expect((await cancel('3377-20000101000000')).json).toEqual(
      businessError('cancelFlowInstance', 'userLocked'),
    );
    const theirs = await triggered(4030, START, OTHER.userId);
    expect((await cancel(theirs)).json).toEqual(businessError('cancelFlowInstance', 'userLocked'));
    // Get has no lock among its prerequisites: it shows the instance still running.
    expect(data<Instance>(await get(id)).statusDesc).toBe('RUNNING');
    expect(sandbox.flow(3377)?.instances.map((i) => i.status)).toEqual(['RUNNING']);
    sandbox.setUserLocked(OWNER.userId, false);
    expect(envelope(await cancel(id)).code).toBe(0);
  });

  it('answers a locked user of the default fixtures with userLocked, and one of another org with userNotInOrg', async () => {
    const locked = { userId: 'locked-user', orgId: 'sandbox-org' };
    expect((await cancel('4231-20240101120000', locked)).json).toEqual(
      businessError('cancelFlowInstance', 'userLocked'),
    );
    expect((await cancel('4231-20240101120000', { ...locked, orgId: 'other-org' })).json).toEqual(
      businessError('cancelFlowInstance', 'userNotInOrg'),
    );
  });

  it('refuses an instance of a locked workflow with workflowLocked, finished or not, and cancels nothing', async () => {
    const running = await triggered(3377, START);
    const waiting = await triggered(3377, START + MINUTE);
    sandbox.setFlowLocked(3377, true);
    for (const id of [running, waiting]) {
      const res = await cancel(id);
      expect(res.json).toEqual(businessError('cancelFlowInstance', 'workflowLocked'));
      expect(validCancel(res.json)).toBe(true);
    }
    clock.advance(RUN_MS);
    // The lock comes before the instance's status: a finished one is refused for the lock.
    expect((await cancel(running)).json).toEqual(
      businessError('cancelFlowInstance', 'workflowLocked'),
    );
    expect([data<Instance>(await get(running)), data<Instance>(await get(waiting))]).toMatchObject([
      { statusDesc: 'SUCCESS' },
      { statusDesc: 'INIT' },
    ]);
    expect(page(await list({})).flowInsts.every((i) => i.isCancelled === false)).toBe(true);
    sandbox.setFlowLocked(3377, false);
    expect(envelope(await cancel(waiting)).code).toBe(0);
  });

  it('answers another user’s instance of a locked workflow with noPrivilege: only the owner learns the lock', async () => {
    const theirs = await triggered(4030, START, OTHER.userId);
    sandbox.setFlowLocked(4030, true);
    expect((await cancel(theirs)).json).toEqual(businessError('cancelFlowInstance', 'noPrivilege'));
    expect((await cancel(theirs, OTHER)).json).toEqual(
      businessError('cancelFlowInstance', 'workflowLocked'),
    );
    expect(data<Instance>(await get(theirs, OTHER)).statusDesc).toBe('RUNNING');
  });

  it.each([
    ['an unknown ID', { flowInstId: '3377-20000101000000' }, 'instanceNotFound'],
    ['a malformed ID', { flowInstId: '../../etc' }, 'instanceNotFound'],
    ['no flowInstId', {}, 'invalidRequest'],
    ['a numeric flowInstId', { flowInstId: 3377 }, 'invalidRequest'],
  ])('answers %s with %s, and serves on', async (_, body, name) => {
    const res = await callOperation(sandbox.url, token, 'cancelFlowInstance', { body });
    expect(res.json).toEqual(businessError('cancelFlowInstance', name));
    await stillServing();
  });
});
