/**
 * The lane cleans up after itself, whatever happened: every instance it made (its own, and the
 * Arazzo workflows', found by their trigger times) that is still waiting (WAIT or INIT) is
 * cancelled. A running instance is left to end: cancelling it would stop work, not tidy up.
 *
 * Cleanup runs after a failure and after the run's stop too, so its requests are not tied to
 * the run's stop: each is bounded by --request-timeout alone, and the first that gets no answer
 * ends the cleanup, naming what is left for the user to cancel: the instances it had not dealt
 * with yet, and the minutes the Arazzo workflows triggered in, whose instances it may not have
 * found.
 *
 * A flow takes one instance per trigger minute, so each Arazzo trigger time has at most one
 * instance to cancel: cleanup takes the first List gives, and so keeps the budget it announces
 * (cleanupMaxRequests) whatever a server lists.
 */
import { matchCatalog } from '../contract/view.js';
import { isoMinute } from '../plan/trigger-times.js';
import type { CheckOutcome, Violation } from '../results/model.js';
import type { LaneApi } from './api.js';
import { FIELDS, type LaneContract } from './contract.js';
import { failure, said } from './reads.js';
import { LABELS, type LaneRecord } from './record.js';
import { pageItems } from './scenario.js';

export interface CleanupInput {
  /** Calls with their own limits: not stopped with the run. */
  api: LaneApi;
  contract: LaneContract;
  record: LaneRecord;
  /** The trigger times the Arazzo workflows sent: their instances are the lane's too. */
  respectTriggerTimes: number[];
  redact(text: string): string;
}

export const CLEANUP_ROW = {
  id: 'behaviour:cleanup',
  section: 'behaviour' as const,
  title: 'Cleanup · the lane cancels every instance it left waiting (WAIT or INIT)',
  evidence: 'documented' as const,
};

/** What cleanup is given to check, by a name for the report. */
interface Leftover {
  name: string;
  instanceId: string;
}

class NoAnswer extends Error {}

/** The most requests cleanup sends: Get and Cancel of each instance, and a List per trigger time. */
export function cleanupMaxRequests(respectTriggerTimes: number): number {
  return 2 * LABELS.length + 3 * respectTriggerTimes;
}

export async function cleanUp(input: CleanupInput): Promise<CheckOutcome> {
  const cancelled: string[] = [];
  const violations: Violation[] = [];
  const left: string[] = [];
  const found = laneLeftovers(input.record);
  const dealtWith = new Set<Leftover>();
  let stopped = false;
  try {
    found.push(...(await respectLeftovers(input)));
    for (const item of found) {
      const outcome = await cancelIfWaiting(input, item);
      dealtWith.add(item);
      if (outcome === 'cancelled') cancelled.push(item.name);
      else if (outcome !== undefined) {
        violations.push({
          evidence: 'documented',
          message: `cancelling ${item.name}, left waiting, was refused: ${outcome}`,
        });
        left.push(item.instanceId);
      }
    }
  } catch (error) {
    if (!(error instanceof NoAnswer)) throw error;
    stopped = true;
    violations.push({
      evidence: 'documented',
      message: `cleanup stopped: ${error.message}; the lane's waiting instances may be left (see what to do)`,
    });
    left.push(...found.filter((item) => !dealtWith.has(item)).map((item) => item.instanceId));
  }
  const hint = leftHint(input, [...new Set(left)], stopped);
  return {
    ...CLEANUP_ROW,
    violations,
    passReason:
      cancelled.length > 0
        ? `cancelled ${cancelled.join(', ')}, left waiting`
        : 'nothing was left waiting',
    ...(hint === undefined ? {} : { hint }),
  };
}

/** What is left for the user to cancel, or undefined when nothing is. */
function leftHint(input: CleanupInput, ids: string[], stopped: boolean): string | undefined {
  const { flowId } = input.record;
  const parts = [
    ...(ids.length > 0
      ? [
          `Cancel these instances of flow ${flowId} yourself if they still wait (Cancel Flow Instance, ${FIELDS.instanceParam}): ${ids.join(', ')}`,
        ]
      : []),
    ...(stopped && input.respectTriggerTimes.length > 0
      ? [
          `the Arazzo workflows triggered flow ${flowId} in the minutes ${input.respectTriggerTimes.map(isoMinute).join(', ')}: find their instances with List Flow Instances by trigger time, and cancel those that still wait (WAIT or INIT)`,
        ]
      : []),
  ];
  return parts.length > 0 ? `${parts.join('. Also, ')}.` : undefined;
}

/** The lane's own instances, by label. */
function laneLeftovers(record: LaneRecord): Leftover[] {
  return LABELS.flatMap((label) => {
    const instanceId = record.triggers[label]?.instanceId;
    return instanceId === undefined ? [] : [{ name: `${label} (${instanceId})`, instanceId }];
  });
}

/** The Arazzo workflows' instances still waiting, found by their trigger times: one a time. */
async function respectLeftovers(input: CleanupInput): Promise<Leftover[]> {
  const { record, contract } = input;
  const found: Leftover[] = [];
  const f = FIELDS;
  const pending = [contract.statuses.code.waiting, contract.statuses.code.scheduled].join(',');
  for (const time of input.respectTriggerTimes) {
    const answer = await ask(input, () =>
      input.api.list({
        [f.list.expression]: String(record.flowId),
        [f.list.from]: time,
        [f.list.to]: time,
        [f.list.status]: pending,
        [f.list.pagination]: { [f.pagination.pageNo]: 1, [f.pagination.pageSize]: 10 },
      }),
    );
    const id = pageItems(answer.data)
      ?.filter((item) => item[f.instance.flowId] === record.flowId)
      .map((item) => item[f.instance.id])
      .find((itemId) => typeof itemId === 'string');
    if (typeof id === 'string')
      found.push({ name: `${id} (an Arazzo workflow's)`, instanceId: id });
  }
  return found;
}

/** Cancel the instance if it waits: `cancelled`, undefined (nothing to do), or the refusal. */
async function cancelIfWaiting(input: CleanupInput, item: Leftover): Promise<string | undefined> {
  const { statuses, finished, ops } = input.contract;
  const read = await ask(input, () => input.api.get(item.instanceId));
  const status = (read.data as Record<string, unknown> | null | undefined)?.[
    FIELDS.instance.status
  ];
  if (read.code !== 0 || !Number.isInteger(status) || !statuses.pending(status as number)) {
    return undefined;
  }
  const answer = await ask(input, () => input.api.cancel(item.instanceId));
  if (answer.http === 200 && answer.code === 0) return 'cancelled';
  // It ended between the read and the cancel: nothing is left.
  if (matchCatalog(ops.cancel, answer.answer.json)?.name === finished.name) return undefined;
  return said(input, answer);
}

async function ask<T>(input: CleanupInput, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new NoAnswer(failure({ redact: input.redact }, error));
  }
}
