/**
 * The lane's scenario, in code where Respect cannot follow it (it reads statuses over time, with
 * bounded waits). It only sends and records (record.ts); the rules judge the record.
 *
 * 1. Wait until the flow has no unfinished instance (List), so A starts into an idle flow.
 * 2. Trigger A with a past trigger time; read it (rule 3); List it (rule 4).
 * 3. Wait until A runs (rule 1).
 * 4. Trigger B, C and D while A runs: they queue (rule 2). Read them.
 * 5. As another user, Get and Cancel D: both refused (rule 6).
 * 6. Cancel D, still waiting (rule 5).
 * 7. Follow the queue: wait until A ends, then C, then B (rule 2: one at a time, C before B
 *    by trigger time), reading every instance each tick, D to the end (it must never run).
 *
 * Cleanup (cleanup.ts) then cancels whatever the lane left waiting, whatever happened here.
 */
import { successRefusal, TAKEN } from '../plan/config-errors.js';
import { isoMinute } from '../plan/trigger-times.js';
import type { LaneApi } from './api.js';
import type { LaneClock } from './clock.js';
import { FIELDS, type LaneContract } from './contract.js';
import { labelMinutes, laneTriggerTime } from './minutes.js';
import { notWaited, type WaitLimits, waitFor } from './poll.js';
import { failure, noteStatus, quote, said, tick } from './reads.js';
import {
  type ForeignRead,
  instanceOf,
  LABELS,
  type Label,
  type LaneRecord,
  named,
  samplesOf,
} from './record.js';

export interface Scenario {
  api: LaneApi;
  contract: LaneContract;
  clock: LaneClock;
  limits: WaitLimits;
  flowId: number;
  /** The run's user, who owns the flow. */
  userId: string;
  /** Another user of the organization, who does not own the flow (rule 6). */
  foreignUserId?: string;
  /** The minute the lane's trigger windows start from (minutes.ts). */
  laneStart: number;
  record: LaneRecord;
  /** Ticks so far: samples of one tick were read at once. */
  ticks: number;
  /** Takes the run's secrets out of a server's text, before it is cut. */
  redact(text: string): string;
  /** The run's stop: ends the lane at once. */
  signal?: AbortSignal;
}

/** How many instances one List page asks for: more than a flow's queue ever holds here. */
const PAGE_SIZE = 100;

export async function runScenario(s: Scenario): Promise<void> {
  const { record } = s;
  record.waits.push(
    await waitFor('idle', `flow ${s.flowId} idle`, () => flowIdle(s), s.clock, s.limits),
  );

  if ((await trigger(s, 'A')) === undefined) {
    record.queueSkipped = `A was not created (${record.triggers.A?.refusal})`;
    return;
  }
  await tick(s, ['A']);
  await listA(s);
  const starts = await waitFor(
    'A-starts',
    `${named(record, 'A')} runs`,
    async () => {
      await tick(s, ['A']);
      return hasStarted(s, 'A');
    },
    s.clock,
    s.limits,
  );
  record.waits.push(starts);
  if (!starts.reached)
    record.queueSkipped = 'A never ran, so nothing queued behind a running instance';

  for (const label of ['B', 'C', 'D'] as const) await trigger(s, label);
  await tick(s, ['A', 'B', 'C', 'D']);
  await asAnotherUser(s);
  await cancelWaiting(s);
  await followQueue(s);
}

/** True when no unfinished instance of the flow is listed. A List that fails cannot tell: go on. */
async function flowIdle(s: Scenario): Promise<boolean> {
  const { statuses } = s.contract;
  const f = FIELDS;
  let answer: Awaited<ReturnType<LaneApi['list']>>;
  try {
    answer = await s.api.list({
      [f.list.expression]: String(s.flowId),
      [f.list.status]: statuses.unfinished.join(','),
      [f.list.pagination]: { [f.pagination.pageNo]: 1, [f.pagination.pageSize]: PAGE_SIZE },
    });
  } catch (error) {
    failure(s, error);
    return true;
  }
  const items = pageItems(answer.data);
  if (answer.code !== 0 || items === undefined) return true;
  return !items.some((item) => {
    const status = item[f.instance.status];
    noteStatus(s.record, { status, statusDesc: item[f.instance.statusDesc], where: 'List' });
    return item[f.instance.flowId] === s.flowId && !statuses.terminal(status as number);
  });
}

/**
 * Trigger the label's instance, going back a minute while the server says its minute is taken.
 * The instance ID, or undefined with the reason recorded.
 */
async function trigger(s: Scenario, label: Label): Promise<string | undefined> {
  const taken: number[] = [];
  let last = '';
  for (const minute of labelMinutes(s.laneStart, label)) {
    const triggerTime = laneTriggerTime(minute);
    const entry = { label, flowId: s.flowId, triggerTime, taken };
    let answer: Awaited<ReturnType<LaneApi['trigger']>>;
    try {
      answer = await s.api.trigger(s.flowId, triggerTime);
    } catch (error) {
      s.record.triggers[label] = { ...entry, refusal: failure(s, error), at: s.clock.now() };
      return undefined;
    }
    const at = s.clock.now();
    const id = (answer.data as Record<string, unknown> | null | undefined)?.[FIELDS.createdId];
    if (answer.http === 200 && answer.code === 0 && typeof id === 'string' && id !== '') {
      s.record.triggers[label] = { ...entry, instanceId: id, at };
      return id;
    }
    last = said(s, answer);
    if (
      answer.http === 200 &&
      successRefusal(s.contract.ops.trigger, answer.answer.json)?.name === TAKEN
    ) {
      taken.push(minute);
      continue;
    }
    s.record.triggers[label] = { ...entry, refusal: last, at };
    return undefined;
  }
  s.record.triggers[label] = {
    label,
    flowId: s.flowId,
    triggerTime: laneTriggerTime(taken[taken.length - 1] as number),
    taken,
    refusal: `every minute it tried was taken (${taken.map(isoMinute).join(', ')}): ${last}`,
    at: s.clock.now(),
  };
  return undefined;
}

/** Rule 4: List, by A's ID, and what it listed. */
async function listA(s: Scenario): Promise<void> {
  const instanceId = instanceOf(s.record, 'A') as string;
  const f = FIELDS;
  try {
    const answer = await s.api.list({
      [f.list.expression]: instanceId,
      [f.list.pagination]: { [f.pagination.pageNo]: 1, [f.pagination.pageSize]: PAGE_SIZE },
    });
    const items = pageItems(answer.data) ?? [];
    for (const item of items) {
      const where = `List ${quote(s, item[f.instance.id])}`;
      noteStatus(s.record, {
        status: item[f.instance.status],
        statusDesc: item[f.instance.statusDesc],
        where,
      });
    }
    s.record.list = {
      instanceId,
      http: answer.http,
      ...(answer.code === undefined ? {} : { code: answer.code }),
      listed: items.map((item) => item[f.instance.id]),
      count: (answer.data as Record<string, unknown> | null | undefined)?.[f.list.count],
      said: said(s, answer),
    };
  } catch (error) {
    s.record.list = { instanceId, listed: [], said: failure(s, error) };
  }
}

/** Rule 6: another user reads and cancels D, which the lane's user owns. */
async function asAnotherUser(s: Scenario): Promise<void> {
  const instanceId = instanceOf(s.record, 'D');
  const userId = s.foreignUserId;
  if (instanceId === undefined || userId === undefined) return;
  const read = async (call: () => ReturnType<LaneApi['get']>): Promise<ForeignRead> => {
    try {
      const answer = await call();
      return {
        instanceId,
        userId,
        http: answer.http,
        ...(answer.code === undefined ? {} : { code: answer.code }),
        said: said(s, answer),
      };
    } catch (error) {
      return { instanceId, userId, said: failure(s, error) };
    }
  };
  const get = await read(() => s.api.get(instanceId, userId));
  const cancel = await read(() => s.api.cancel(instanceId, userId));
  s.record.cancels.push({
    ...cancel,
    label: 'D',
    purpose: 'foreign',
    at: s.clock.now(),
    tick: s.ticks,
  });
  s.record.foreign = { userId, get, cancel, afterTick: s.ticks + 1 };
  await tick(s, ['D']);
}

/** Rule 5: cancel D while it waits. */
async function cancelWaiting(s: Scenario): Promise<void> {
  const instanceId = instanceOf(s.record, 'D');
  const last = samplesOf(s.record, 'D').at(-1);
  if (instanceId === undefined || last?.status === undefined) return;
  if (!s.contract.statuses.pending(last.status)) return;
  const entry = {
    label: 'D' as const,
    instanceId,
    userId: s.userId,
    purpose: 'rule' as const,
    tick: s.ticks,
  };
  try {
    const answer = await s.api.cancel(instanceId);
    s.record.cancels.push({
      ...entry,
      at: s.clock.now(),
      http: answer.http,
      ...(answer.code === undefined ? {} : { code: answer.code }),
      said: said(s, answer),
    });
  } catch (error) {
    s.record.cancels.push({ ...entry, at: s.clock.now(), said: failure(s, error) });
  }
  await tick(s, ['D']);
}

/** Follow the queue: A ends, then C, then B; every tick reads what has not ended, and D. */
async function followQueue(s: Scenario): Promise<void> {
  const { record } = s;
  const order: Label[] = ['A', 'C', 'B'];
  let stop = record.queueSkipped;
  for (const label of order) {
    const id = `${label}-ends`;
    const name = `${named(record, label)} ends`;
    if (instanceOf(record, label) === undefined) {
      record.waits.push(notWaited(id, name, `${label} was not created`, s.limits.timeoutMs));
      continue;
    }
    if (stop !== undefined) {
      record.waits.push(notWaited(id, name, stop, s.limits.timeoutMs));
      continue;
    }
    const wait = await waitFor(
      id,
      name,
      async () => {
        await tick(s, followed(s));
        return hasEnded(s, label);
      },
      s.clock,
      s.limits,
    );
    record.waits.push(wait);
    // Nothing queued can run while A does not end.
    if (!wait.reached && label === 'A') stop = 'A did not end';
  }
}

/** The labels a tick reads: the instances that have not ended, and D always (rule 5). */
function followed(s: Scenario): Label[] {
  return LABELS.filter((label) => label === 'D' || !hasEnded(s, label));
}

function latestStatus(s: Scenario, label: Label): number | undefined {
  return samplesOf(s.record, label).at(-1)?.status;
}

/** Seen RUNNING, or already ended. */
function hasStarted(s: Scenario, label: Label): boolean {
  const status = latestStatus(s, label);
  return (
    status !== undefined &&
    (status === s.contract.statuses.code.running || s.contract.statuses.terminal(status))
  );
}

function hasEnded(s: Scenario, label: Label): boolean {
  const status = latestStatus(s, label);
  return status !== undefined && s.contract.statuses.terminal(status);
}

/** The instances of a List answer's page, each an object; undefined when there is no list. */
export function pageItems(data: unknown): Record<string, unknown>[] | undefined {
  const items = (data as Record<string, unknown> | null | undefined)?.[FIELDS.list.items];
  if (!Array.isArray(items)) return undefined;
  return items.filter(
    (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
  );
}
