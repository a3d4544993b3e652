/**
 * The business rules of Trigger Flow, checked in the order a caller can fix them: who you are,
 * what you may do, what the workflow allows, and finally the one-trigger-per-minute rule.
 */

import type { SandboxState } from './state.js';
import type { TriggerAnswer } from './trigger-endpoint.js';

export interface TriggerRequest {
  userId: string;
  orgId: string;
  flowId: number;
  triggerTime: number;
  flowInstanceId: string;
}

export type TriggerOutcome =
  | { accepted: true; flowInstanceId: string }
  | { accepted: false; answer: TriggerAnswer; reason: string };

export function applyTrigger(
  state: SandboxState,
  request: TriggerRequest,
  now: number,
): TriggerOutcome {
  const { userId, orgId, flowId } = request;
  const user = state.users.get(userId);
  if (!user || user.orgId !== orgId) {
    return refuse('userNotInOrg', `no user "${userId}" in org "${orgId}"`);
  }
  if (user.locked) return refuse('userLocked', `user "${userId}" is locked`);
  const flow = state.flows.get(flowId);
  if (!flow) return refuse('cannotCreateInstance', `no workflow ${flowId}`);
  if (flow.fixture.owner !== userId) {
    return refuse('noPrivilege', `workflow ${flowId} is not owned by "${userId}"`);
  }
  if (flow.fixture.locked) return refuse('workflowLocked', `workflow ${flowId} is locked`);
  if (!flow.fixture.hasTasks) return refuse('noTask', `workflow ${flowId} has no task`);
  if (flow.runs.has(request.flowInstanceId)) {
    return refuse(
      'cannotCreateInstance',
      `workflow ${flowId} was already triggered for this minute (${request.flowInstanceId})`,
    );
  }
  flow.runs.accept(request.flowInstanceId, flowId, request.triggerTime, now);
  return { accepted: true, flowInstanceId: request.flowInstanceId };
}

function refuse(answer: TriggerAnswer, reason: string): TriggerOutcome {
  return { accepted: false, answer, reason };
}
