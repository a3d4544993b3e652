/**
 * Waiting for a workflow instance to end: `waitForFlowInstance` polls Get Flow Instance with a
 * growing, jittered interval until the instance reaches a final status (which statuses are
 * final comes from the contract), under one time limit; `triggerFlowAndWait` triggers, then
 * waits for the instance the trigger created.
 */
import type { InstanceFailure, TriggerFlowFailure, WaitInvalidArgument } from './failures.js';
import { type FlowInstanceStatusName, terminalStatuses } from './generated/contract.js';
import {
  type FlowInstance,
  getFlowInstance,
  type InstanceCallOptions,
  type InstanceOptionsArgument,
} from './instances.js';
import { type Effect, type Failed, failure } from './interpret.js';
import { show } from './rules.js';
import type { ClientDefault, Session } from './session.js';
import { sleep } from './signals.js';
import { deadline } from './transport.js';
import { TRIGGERED, type TriggerFlowCallInput, triggerFlow } from './trigger.js';
import type { TriggerFlowResult, TriggerFlowSuccess } from './types.js';

export interface WaitOptions extends Omit<InstanceCallOptions, 'timeoutMs'> {
  /**
   * The time limit of the whole wait, every poll included, in ms: 1 to 2147483647. Default
   * 600000 (10 minutes). Each poll keeps the session's own limit within it.
   */
  timeoutMs?: number;
  /**
   * The wait before the second poll, in ms: 1 to 2147483647; it grows by half each time.
   * Default 1000.
   */
  intervalMs?: number;
  /** The longest wait between two polls, in ms: 1 to 2147483647. Default 30000. */
  maxIntervalMs?: number;
  /** Told the first status read, and each change of it. */
  onStatus?: (status: FlowInstanceStatusName | undefined, instance: FlowInstance) => void;
}

/**
 * How a wait fails: as Get Flow Instance does, or on an option of its own, with the last status
 * read if any.
 */
export type WaitFailure = (InstanceFailure<'getFlowInstance'> | WaitInvalidArgument) & {
  lastStatus?: FlowInstanceStatusName;
};

export type WaitResult =
  | { ok: true; instance: FlowInstance; status: FlowInstanceStatusName }
  | { ok: false; error: WaitFailure };

/** A poll's failure that a later poll may not meet: the network, the gateway's load, a slow answer. */
const passing = (error: InstanceFailure<'getFlowInstance'>) =>
  error.kind === 'network' ||
  error.kind === 'timeout' ||
  (error.kind === 'gateway' && [429, 500, 503].includes(error.status));

/** The longest delay a timer takes: a longer one fires at once (Node, browsers). */
const MAX_MS = 2 ** 31 - 1;

/**
 * The failure of a wait whose `timeoutMs`, `intervalMs` or `maxIntervalMs` (when given) is not
 * ms from 1 to MAX_MS, before anything is sent: an interval of 0, below 0 or NaN would poll
 * back-to-back, a limit over MAX_MS would end the wait at once. With `effect`, it says what that
 * means for the operation that did not start (a trigger's "Nothing was started.").
 */
function invalidWait(
  options: WaitOptions,
  effect?: Effect,
): Failed<WaitInvalidArgument> | undefined {
  const argument = (['timeoutMs', 'intervalMs', 'maxIntervalMs'] as const).find((name) => {
    const value = options[name];
    return value !== undefined && !(typeof value === 'number' && value >= 1 && value <= MAX_MS);
  });
  return argument
    ? (failure(
        'invalid-argument',
        0,
        `${argument} is ${show(options[argument])}: give ms from 1 to ${MAX_MS}.`,
        { argument },
        effect,
      ) as Failed<never>)
    : undefined;
}

/**
 * Wait for instance `flowInstanceId` to reach a final status (SUCCESS, FAIL, CANCEL, …: the
 * contract's `x-enos-terminal-statuses`), polling with backoff. Never throws. It stops at the
 * first failure a later poll would meet too (a business error: no such instance, no privilege;
 * credentials), and when its time limit or your signal ends it. An option out of its range is an
 * `invalid-argument` failure, before anything is sent.
 */
export async function waitForFlowInstance<Needs extends ClientDefault>(
  session: Session<Needs>,
  flowInstanceId: string,
  ...[options = {} as WaitOptions]: [Needs] extends [never]
    ? [options?: WaitOptions]
    : [options: WaitOptions & Required<Pick<WaitOptions, Needs>>]
): Promise<WaitResult> {
  const invalid = invalidWait(options);
  if (invalid) return invalid;
  const { timeoutMs = 600_000, intervalMs = 1000, maxIntervalMs = 30_000, onStatus } = options;
  const limit = deadline(timeoutMs);
  const signal = options.signal ? AbortSignal.any([limit, options.signal]) : limit;
  const call = { userId: options.userId, orgId: options.orgId, signal } as InstanceCallOptions;
  let last: FlowInstanceStatusName | undefined;
  let read = false;
  try {
    for (let poll = 0; ; poll++) {
      const result = await getFlowInstance(
        session as Session<never>,
        flowInstanceId,
        ...([call] as InstanceOptionsArgument<never>),
      );
      if (signal.aborted) break;
      if (result.ok) {
        if (!read || result.status !== last) onStatus?.(result.status, result.instance);
        read = true;
        last = result.status;
        if (last && terminalStatuses.includes(last)) {
          return { ok: true, instance: result.instance, status: last };
        }
      } else if (!passing(result.error)) {
        return result;
      }
      // Equal jitter: waiters started together do not poll together.
      const gap = Math.min(maxIntervalMs, intervalMs * 1.5 ** poll);
      await sleep(gap / 2 + (Math.random() * gap) / 2, signal);
    }
  } catch {
    // The sleep ended by the time limit or the signal: said below.
  } finally {
    limit.clear();
  }
  const where = `${flowInstanceId} ${last ? `was still ${last}` : 'was not read'}`;
  return (
    limit.aborted
      ? failure(
          'timeout',
          0,
          `No final status in ${timeoutMs} ms: ${where}. Wait longer (timeoutMs), or look at it in EnOS.`,
          { timeoutMs, lastStatus: last },
        )
      : failure('aborted', 0, `Aborted by your signal: ${where}.`, { lastStatus: last })
  ) as WaitResult;
}

export type TriggerAndWaitResult =
  | {
      ok: true;
      triggered: TriggerFlowSuccess;
      instance: FlowInstance;
      status: FlowInstanceStatusName;
    }
  | {
      ok: false;
      error: TriggerFlowFailure | (WaitInvalidArgument & { mayHaveTriggered: false });
      triggered?: undefined;
    }
  | { ok: false; error: WaitFailure; triggered: TriggerFlowSuccess };

/**
 * Check `wait`'s options, then `trigger`, then wait for its instance (as the trigger's user and
 * organization, under its signal unless `wait` has one). The result carries the trigger's
 * success (`triggered`) whatever the wait gives, so that a failed wait never hides a started run.
 */
export async function triggerThenWait(
  session: Session<ClientDefault>,
  trigger: () => Promise<TriggerFlowResult>,
  { signal, userId, orgId }: { signal?: AbortSignal; userId?: string; orgId?: string },
  wait: Omit<WaitOptions, 'userId' | 'orgId'>,
): Promise<TriggerAndWaitResult> {
  // Checked first: a wait that cannot run must not leave a run started behind it.
  const invalid = invalidWait(wait, TRIGGERED);
  if (invalid) return invalid as TriggerAndWaitResult;
  const triggered = await trigger();
  if (!triggered.ok) return triggered;
  const waited = await waitForFlowInstance(session as Session<never>, triggered.flowInstanceId, {
    signal,
    ...wait,
    userId,
    orgId,
  });
  return { ...waited, triggered };
}

/**
 * Trigger a workflow, then wait for the instance it created to end (`waitForFlowInstance`,
 * with `wait`'s options; its userId and orgId are the trigger's). Never throws. An option of
 * `wait` out of its range fails before the trigger is sent (`invalid-argument`, nothing
 * started). A failure of the trigger comes as `triggerFlow` gives it; a failure of the wait
 * comes with `triggered`: the run started, so do not trigger again.
 */
export function triggerFlowAndWait<Needs extends ClientDefault>(
  session: Session<Needs>,
  input: TriggerFlowCallInput<Needs>,
  wait: Omit<WaitOptions, 'userId' | 'orgId'> = {},
): Promise<TriggerAndWaitResult> {
  return triggerThenWait(
    session,
    () => triggerFlow(session, input),
    input as { signal?: AbortSignal; userId?: string; orgId?: string },
    wait,
  );
}
