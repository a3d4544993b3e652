/**
 * The checks the instance operations share, in the order a caller can fix them: who the caller
 * is, then which instance it names, then whether the caller owns it; and for Cancel, whose
 * prerequisites also say that neither the user nor the workflow is locked, the locks. Their
 * answers are catalog entries of the same names in each operation's catalog.
 */
import type { FoundInstance, SandboxState } from './state.js';

export type AccessRefusal = 'userNotInOrg' | 'instanceNotFound' | 'noPrivilege';
export type LockRefusal = 'userLocked' | 'workflowLocked';

export type Access<Refusal extends string = AccessRefusal> =
  | ({ refused: false } & FoundInstance)
  | { refused: true; answer: Refusal; reason: string };

export interface InstanceCall {
  userId: string;
  orgId: string;
  flowInstanceId: string;
}

/** Why a caller is refused before anything else (62101), or undefined. */
export function callerRefusal(
  state: SandboxState,
  userId: string,
  orgId: string,
): { refused: true; answer: 'userNotInOrg'; reason: string } | undefined {
  const user = state.users.get(userId);
  if (user && user.orgId === orgId) return undefined;
  return { refused: true, answer: 'userNotInOrg', reason: `no user "${userId}" in org "${orgId}"` };
}

/** The instance `flowInstanceId` of a workflow `userId` owns, settled to `now`; or why not. */
export function ownedInstance(state: SandboxState, call: InstanceCall, now: number): Access {
  return callerRefusal(state, call.userId, call.orgId) ?? instanceOfCaller(state, call, now);
}

/**
 * As ownedInstance, for an operation that a locked user or workflow may not use (Cancel). The
 * user's lock is the caller's, checked with who it is, before the instance is looked up: a locked
 * user learns nothing of instances. The workflow's lock comes after ownership, so that only the
 * owner learns it, and before anything the instance's status decides (the contract's inferred
 * order, the one Trigger Flow's rules take).
 */
export function unlockedOwnedInstance(
  state: SandboxState,
  call: InstanceCall,
  now: number,
): Access<AccessRefusal | LockRefusal> {
  const refused = callerRefusal(state, call.userId, call.orgId);
  if (refused) return refused;
  if (state.users.get(call.userId)?.locked) {
    return { refused: true, answer: 'userLocked', reason: `user "${call.userId}" is locked` };
  }
  const access = instanceOfCaller(state, call, now);
  if (access.refused || !access.flow.fixture.locked) return access;
  return {
    refused: true,
    answer: 'workflowLocked',
    reason: `instance ${call.flowInstanceId} is of workflow ${access.flow.fixture.flowId}, which is locked`,
  };
}

/** The named instance, if the caller (already known to exist) owns its workflow. */
function instanceOfCaller(state: SandboxState, call: InstanceCall, now: number): Access {
  const found = state.findInstance(call.flowInstanceId);
  if (!found) {
    return {
      refused: true,
      answer: 'instanceNotFound',
      reason: `no instance ${call.flowInstanceId}`,
    };
  }
  if (found.flow.fixture.owner !== call.userId) {
    return {
      refused: true,
      answer: 'noPrivilege',
      reason: `instance ${call.flowInstanceId} is of workflow ${found.flow.fixture.flowId}, which "${call.userId}" does not own`,
    };
  }
  found.flow.runs.settle(now);
  return { refused: false, ...found };
}
