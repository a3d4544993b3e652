/**
 * `triggerAdvice`: what to do about each business error of a trigger, the contract's advice for
 * its catalog entry with its placeholders filled in from the call. Apart from the trigger, so
 * that only an application that asks for it carries its texts (createSession's `advice` option;
 * createTriggerFlowClient always gives it).
 */
import { flowInstanceIdOf } from './flow-instance-id.js';
import { triggerFlowAdvice } from './generated/contract.js';
import type { Advice } from './session.js';

/**
 * The advice of the catalog's row for the answer: by code, and by message where entries share a
 * code. {flowId}, {userId}, {minute} (UTC) and {flowInstanceId} (the minute's instance) are
 * filled in from the call.
 */
export const triggerAdvice: Advice = (code, msg, { flowId, triggerTime, userId }) => {
  const row = triggerFlowAdvice.find(
    ([known, , words]) => known === code && (words ?? msg) === msg,
  );
  const fill: Record<string, unknown> = {
    flowId,
    userId,
    minute: new Date(triggerTime).toISOString().slice(0, 16).replace('T', ' '),
    flowInstanceId: flowInstanceIdOf(flowId, triggerTime),
  };
  return row?.[1].replace(/{(\w+)}/g, (all, name) => `${fill[name] ?? all}`);
};
