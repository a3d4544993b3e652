/**
 * The business handler of Get Flow Instance (GET .../v2.1/flowInstances?action=get). The
 * pipeline has applied the gateway's steps, authentication, the internal-error fault and the
 * contract's query schema; what is left is finding the caller's instance and showing it.
 */
import { handlerAnswers, type OperationRules } from './contract-rules.js';
import type { BusinessHandler } from './handlers.js';
import { ownedInstance } from './instance-access.js';

/** The catalog entries Get Flow Instance answers with, by their example name in the contract. */
export const GET_INSTANCE_ANSWERS = [
  'userNotInOrg',
  'invalidRequest',
  'instanceNotFound',
  'noPrivilege',
  'internalError',
] as const;

export function getInstanceHandler(rules: OperationRules): BusinessHandler {
  const { answers, refuse, successWith } = handlerAnswers(rules, GET_INSTANCE_ANSWERS);
  return {
    answers,
    internalError: 'internalError',
    // A missing, empty or repeated parameter; an ID of another form is simply not found.
    offContract: () => 'invalidRequest',
    answer(ctx, { params }) {
      const now = ctx.clock.now();
      const access = ownedInstance(
        ctx.state,
        {
          userId: params.userId as string,
          orgId: params.orgId as string,
          flowInstanceId: params.flowInstId as string,
        },
        now,
      );
      if (access.refused) return refuse(access.answer, access.reason);
      return successWith(ctx.viewer.instance(access.instance, access.flow.fixture, now));
    },
  };
}
