/**
 * `triggerFlow(session, input)`: the Trigger Flow operation over a session, with its business
 * rules: its arguments, the same-minute 62102 on a retry, an instance of another flow. All an
 * application that only triggers needs besides the session.
 */
import type { InvalidArgument } from './failures.js';
import { flowInstanceIdOf } from './flow-instance-id.js';
import {
  flowIdRange,
  internalErrorCode,
  sameMinuteCode,
  sameMinuteOthers,
  triggerFlowErrorCodes,
  triggerFlowRoute,
} from './generated/contract.js';
import { answerFailure, codeOf, type Effect, failure } from './interpret.js';
import { show, text } from './rules.js';
import { type CallOptions, type ClientDefault, operate, type Session } from './session.js';
import type {
  OperationBody,
  OperationQuery,
  TriggerFlowResult,
  TriggerFlowSuccess,
} from './types.js';

export interface TriggerFlowInput extends CallOptions {
  /** The workflow ID: an integer, as in the contract. */
  flowId: number;
  /** When to trigger: a Date or epoch milliseconds. Default now. */
  triggerTime?: Date | number;
  /** The user; default the session's. Required when the session has none. */
  userId?: string;
  /** The organization; default the session's. Required when the session has none. */
  orgId?: string;
}

/**
 * The input of a call to a session (or client) created without a default for `Needs` (`userId`,
 * `orgId` or both): those fields are then required. `TriggerFlowCallInput<never>` is
 * `TriggerFlowInput`.
 */
export type TriggerFlowCallInput<Needs extends ClientDefault = never> = TriggerFlowInput &
  Required<Pick<TriggerFlowInput, Needs>>;

const { min, max } = flowIdRange;

/** What a trigger's failure says about a run: `mayHaveTriggered`, and what to do about it. */
export const TRIGGERED: Effect = [
  'mayHaveTriggered',
  "A run may have started: check the flow's instances before you retry.",
  'Nothing was started.',
];

/** The query the operation takes from a call: its own, less its fixed values (the route's). */
type TriggerQuery = Omit<OperationQuery<'triggerFlow'>, 'action'>;
type TriggerBody = OperationBody<'triggerFlow'>;

/** Trigger a workflow once. Never throws: every failure is a typed `{ ok: false, error }`. */
export async function triggerFlow<Needs extends ClientDefault>(
  session: Session<Needs>,
  input: TriggerFlowCallInput<Needs>,
): Promise<TriggerFlowResult> {
  const {
    flowId,
    triggerTime = session.now(),
    userId = session.userId,
    orgId = session.orgId,
  } = input as TriggerFlowInput;
  // Each test as the client's checks (checks.ts) make it; their longer messages are the client's.
  const given: Record<InvalidArgument['argument'], unknown> = {
    flowId,
    triggerTime,
    userId,
    orgId,
  };
  const argument = (Object.keys(given) as InvalidArgument['argument'][])[
    [
      Number.isInteger(flowId) && flowId >= min && flowId <= max,
      Number.isSafeInteger(+triggerTime),
      text(userId),
      text(orgId),
    ].indexOf(false)
  ];
  if (argument) {
    return failure(
      'invalid-argument',
      0,
      `${argument} is ${show(given[argument])}: see TriggerFlowInput.`,
      { argument },
      TRIGGERED,
    ) as TriggerFlowResult;
  }
  const query: TriggerQuery = { userId: userId as string, orgId: orgId as string };
  const body: TriggerBody = { flowId, triggerTime: +triggerTime };
  return operate(session, input, TRIGGERED, async (signal, retry, progress) => {
    const response = await session.send(triggerFlowRoute, { query, body, signal }, retry, progress);
    const answer = await session.read(response, TRIGGERED);
    const code = codeOf(answer, triggerFlowRoute);
    const id = (answer?.data as { flowInstanceId?: unknown } | undefined)?.flowInstanceId;
    if (response.ok && code === 0 && typeof id === 'string') return success(id, flowId, answer);
    if (!response.ok || !triggerFlowErrorCodes.includes(code as number)) {
      return answerFailure(response, answer, retry.attempts, triggerFlowRoute, TRIGGERED);
    }
    const msg = `${answer?.msg}`;
    // On a retry, the same-minute answer says the minute already has an instance: an earlier
    // attempt of this very call probably created it, whatever its answer said (a gateway can
    // pass the trigger on and still answer 503). Another 62102 of the catalog says nothing.
    const taken =
      retry.attempts > 1 &&
      code === sameMinuteCode &&
      !sameMinuteOthers.includes(msg) &&
      flowInstanceIdOf(flowId, body.triggerTime);
    const call = { ...body, userId: query.userId };
    return failure(
      'business',
      // The service failed (internalError): a run may or may not have started.
      taken || code === internalErrorCode,
      `EnOS refused flow ${flowId}: ${code} ${show(msg)}. ${
        taken
          ? `This was attempt ${retry.attempts}: an earlier one probably created ${taken}. `
          : ''
      }${session.advice?.(code as number, msg, call) ?? 'triggerAdvice says what to do.'}`,
      { code, msg, requestId: answer?.requestId, flowInstanceId: taken || undefined },
      TRIGGERED,
    );
  }) as Promise<TriggerFlowResult>;
}

/**
 * The success of an answer with instance `id`, the flow its ID names (its leading digits). An instance of another
 * flow than the one asked for is still the service's success (the mock answers flow 3377's to
 * every trigger), but never passed over in silence. The instant the ID encodes is left to
 * `parseFlowInstanceId` (createTriggerFlowClient adds it): an application that only triggers
 * need not carry the date arithmetic.
 */
function success(
  id: string,
  flowId: number,
  answer: { requestId?: string } | undefined,
): TriggerFlowSuccess {
  // The digits before its `-`; an ID that does not begin with a flow ID names none but the asked one.
  const answered = Number.parseInt(id, 10) || flowId;
  return {
    ok: true,
    flowInstanceId: id,
    flowId: answered,
    requestId: answer?.requestId,
    ...(answered !== flowId && { mismatch: { askedFlowId: flowId, answeredFlowId: answered } }),
  };
}
