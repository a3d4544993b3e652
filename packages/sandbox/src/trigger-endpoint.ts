/**
 * The business handler of Trigger Flow (POST /batch-processing-service/v2.1/flows?action=trigger).
 * By the time it answers, the pipeline has applied the body limit, gateway faults,
 * authentication, the content type, the internal-error fault and the contract's query and body
 * schemas. What is left is the service's own: the 62102 of a request off the contract, the
 * trigger time's year, and the business rules.
 */
import { handlerAnswers, type OperationRules } from './contract-rules.js';
import type { BusinessHandler } from './handlers.js';
import { flowInstanceId } from './instance-id.js';
import { applyTrigger } from './trigger-rules.js';

/** The catalog entries Trigger Flow answers with, by their example name in the contract. */
export const TRIGGER_ANSWERS = [
  'userNotInOrg',
  'invalidRequestBody',
  'cannotCreateInstance',
  'noPrivilege',
  'noTask',
  'userLocked',
  'workflowLocked',
  'internalError',
] as const;
export type TriggerAnswer = (typeof TRIGGER_ANSWERS)[number];

const INTEGER_TEXT = /^-?[0-9]{1,16}$/;

export function triggerHandler(rules: OperationRules): BusinessHandler {
  const { answers, refuse, success } = handlerAnswers(rules, TRIGGER_ANSWERS);
  return {
    answers,
    internalError: 'internalError',
    // Every request off the contract, query or body, is the service's "Invalid request body".
    offContract: () => 'invalidRequestBody',
    prepare: coerceFlowId,
    answer(ctx, { params, input }) {
      const { flowId, triggerTime } = input as { flowId: number; triggerTime: number };
      const id = flowInstanceId(flowId, triggerTime);
      if (id === undefined) {
        return refuse('invalidRequestBody', 'triggerTime is outside the years 0000-9999');
      }
      const request = {
        userId: params.userId as string,
        orgId: params.orgId as string,
        flowId,
        triggerTime,
        flowInstanceId: id,
      };
      const outcome = applyTrigger(ctx.state, request, ctx.clock.now());
      if (!outcome.accepted) return refuse(outcome.answer, outcome.reason);
      return success({ flowInstanceId: outcome.flowInstanceId });
    },
  };
}

/**
 * The live service accepts the numeric string Envision's Python sample sends as flowId
 * ("13774"); turn such a string into the number before the contract's validator sees it.
 */
function coerceFlowId(input: unknown): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return;
  const body = input as { flowId?: unknown };
  if (typeof body.flowId === 'string' && INTEGER_TEXT.test(body.flowId)) {
    body.flowId = Number(body.flowId);
  }
}
