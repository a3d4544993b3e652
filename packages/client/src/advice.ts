/**
 * `triggerAdvice`: what to do about each business error of a trigger, the contract's advice for
 * its catalog entry with its placeholders filled in from the call. Apart from the trigger, so
 * that only an application that asks for it carries its texts (createSession's `advice` option;
 * createTriggerFlowClient always gives it). `adviceOf`, its lookup, is the instance operations'
 * too (instances.ts).
 */
import { flowInstanceIdOf } from './flow-instance-id.js';
import { triggerFlowAdvice } from './generated/contract.js';
import type { Advice } from './session.js';

/**
 * The advice of a generated catalog's `rows` (`[code, advice, message?]`) for an answer: that of
 * the first row with its code whose message, if the row has one, is the answer's; by code, and by
 * message where entries share a code. Each {placeholder} is filled in from `fill`.
 */
export function adviceOf(
  rows: readonly (readonly [number, string, string?])[],
  code: unknown,
  msg: string,
  fill: Record<string, unknown>,
): string | undefined {
  const row = rows.find(([known, , words]) => known === code && (words ?? msg) === msg);
  return row?.[1].replace(/{(\w+)}/g, (all, name) => `${fill[name] ?? all}`);
}

/**
 * The trigger catalog's advice for the answer (see `adviceOf`): {flowId}, {userId}, {minute}
 * (UTC) and {flowInstanceId} (the minute's instance) are filled in from the call.
 */
export const triggerAdvice: Advice = (code, msg, { flowId, triggerTime, userId }) =>
  adviceOf(triggerFlowAdvice, code, msg, {
    flowId,
    userId,
    minute: new Date(triggerTime).toISOString().slice(0, 16).replace('T', ' '),
    flowInstanceId: flowInstanceIdOf(flowId, triggerTime),
  });
