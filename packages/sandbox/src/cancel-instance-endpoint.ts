/**
 * The business handler of Cancel Flow Instance (POST .../v2.1/flowInstances?action=cancel). The
 * pipeline has applied the gateway's steps, authentication, the content type, the internal-error
 * fault and the contract's schemas; what is left is the caller's instance, the locks the
 * operation's prerequisites forbid, and the instance's state: a waiting one never runs, a running
 * one ends and frees its workflow, a finished one is refused. A refused cancel changes nothing.
 */
import { handlerAnswers, type OperationRules } from './contract-rules.js';
import type { BusinessHandler } from './handlers.js';
import { unlockedOwnedInstance } from './instance-access.js';

/** The catalog entries Cancel Flow Instance answers with, by their example name. */
export const CANCEL_INSTANCE_ANSWERS = [
  'userNotInOrg',
  'invalidRequest',
  'instanceNotFound',
  'instanceFinished',
  'noPrivilege',
  'userLocked',
  'workflowLocked',
  'internalError',
] as const;

export function cancelInstanceHandler(rules: OperationRules): BusinessHandler {
  const { answers, refuse, successAsIs } = handlerAnswers(rules, CANCEL_INSTANCE_ANSWERS);
  return {
    answers,
    internalError: 'internalError',
    offContract: () => 'invalidRequest',
    answer(ctx, { params, input }) {
      const now = ctx.clock.now();
      const { flowInstId } = input as { flowInstId: string };
      const access = unlockedOwnedInstance(
        ctx.state,
        {
          userId: params.userId as string,
          orgId: params.orgId as string,
          flowInstanceId: flowInstId,
        },
        now,
      );
      if (access.refused) return refuse(access.answer, access.reason);
      if (!access.flow.runs.cancel(access.instance, now)) {
        return refuse(
          'instanceFinished',
          `instance ${flowInstId} has already finished (${access.instance.status})`,
        );
      }
      return successAsIs;
    },
  };
}
