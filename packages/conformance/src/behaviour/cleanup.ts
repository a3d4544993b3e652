/**
 * The lane cleans up after itself, whatever happened: every instance it made (its own, and the
 * Arazzo workflows', found by their trigger times) that is still waiting (WAIT or INIT) is
 * cancelled. A running instance is left to end: cancelling it would stop work, not tidy up.
 *
 * Cleanup runs after a failure and after the run's stop too, so its requests are not tied to
 * the run's stop: each is bounded by --request-timeout alone, and the first that gets no answer
 * ends the cleanup, naming what is left for the user to cancel.
 */
import { matchCatalog } from '../contract/view.js';
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

export async function cleanUp(input: CleanupInput): Promise<CheckOutcome> {
  const cancelled: string[] = [];
  const violations: Violation[] = [];
  const left: string[] = [];
  try {
    for (const item of await leftovers(input)) {
      const outcome = await cancelIfWaiting(input, item);
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
    violations.push({
      evidence: 'documented',
      message: `cleanup stopped: ${error.message}; the lane's waiting instances may be left (see what to do)`,
    });
    left.push(...LABELS.flatMap((l) => input.record.triggers[l]?.instanceId ?? []));
  }
  const hint =
    left.length > 0
      ? `Cancel these instances of flow ${input.record.flowId} yourself if they still wait (Cancel Flow Instance, ${FIELDS.instanceParam}): ${[...new Set(left)].join(', ')}`
      : undefined;
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

/** The lane's instances, then the Arazzo workflows' still waiting, found by their trigger times. */
async function leftovers(input: CleanupInput): Promise<Leftover[]> {
  const { record, contract } = input;
  const found: Leftover[] = LABELS.flatMap((label) => {
    const instanceId = record.triggers[label]?.instanceId;
    return instanceId === undefined ? [] : [{ name: `${label} (${instanceId})`, instanceId }];
  });
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
    for (const item of pageItems(answer.data) ?? []) {
      const id = item[f.instance.id];
      if (item[f.instance.flowId] === record.flowId && typeof id === 'string') {
        found.push({ name: `${id} (an Arazzo workflow's)`, instanceId: id });
      }
    }
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
