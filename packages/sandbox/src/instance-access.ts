/**
 * The checks the instance operations share, in the order a caller can fix them: who the caller
 * is, then which instance it names, then whether the caller owns it. Their answers are catalog
 * entries of the same names in each operation's catalog.
 */
import type { FoundInstance, SandboxState } from './state.js';

export type AccessRefusal = 'userNotInOrg' | 'instanceNotFound' | 'noPrivilege';

export type Access =
  | ({ refused: false } & FoundInstance)
  | { refused: true; answer: AccessRefusal; reason: string };

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
export function ownedInstance(
  state: SandboxState,
  call: { userId: string; orgId: string; flowInstanceId: string },
  now: number,
): Access {
  const refused = callerRefusal(state, call.userId, call.orgId);
  if (refused) return refused;
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
