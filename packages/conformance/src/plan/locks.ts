/**
 * The lock answers of an operation without a role, by their catalog entries' names (the names
 * Trigger Flow's entries have too): a locked user, a locked workflow.
 *
 * A locked user is the caller's lock, so it is drawn by asking as a locked user of the
 * organization (--locked-user-id): the success request, about the run's own instance, with that
 * user as the caller (caller.ts). The contract's inferred order refuses a locked user before it
 * looks at the instance, so the answer is due whichever instance the request names. It goes
 * before the owner's success, like another user's request (foreign-user.ts) and for the same
 * reasons: while the instance has not been cancelled it cannot be refused as already finished,
 * and the worst a server that ignores the lock can do with it is cancel the run's own instance,
 * which the run cancels next anyway.
 *
 * A locked workflow's answer needs an instance of a locked workflow. Such an instance exists only
 * if the workflow was locked after its instance was made, and no call of the API locks a workflow:
 * nothing the run can send makes one, and --locked-flow-id cannot help, since the operation that
 * makes instances refuses a locked workflow.
 */
import type { LinkPlan } from './linked-operations.js';

export const USER_LOCKED = 'userLocked';
export const WORKFLOW_LOCKED = 'workflowLocked';

export const NO_LOCKED_USER = 'no --locked-user-id given (a locked user of --org-id)';

/** How the locked user asks (as the query's caller: caller.ts), for the row's title. */
export function lockedUserHow(lockedUserId: string): string {
  return `asked as user ${lockedUserId} (--locked-user-id)`;
}

/**
 * Why an instance of a locked workflow is out of the run's reach, when the link's source (the
 * operation that makes what the request names) refuses a locked workflow; else undefined.
 */
export function lockedWorkflowSkip(linked: LinkPlan | undefined): string | undefined {
  const refusal = linked?.source.catalog.find((e) => e.name === WORKFLOW_LOCKED);
  if (!linked || !refusal) return undefined;
  const { summary } = linked.source;
  return (
    `needs the ${linked.gives} of an instance of a locked workflow, which exists only if the ` +
    `workflow was locked after ${summary} made the instance, and no call of the API locks a ` +
    `workflow; --locked-flow-id cannot give one, as a locked workflow cannot be triggered ` +
    `(${summary} answers ${refusal.summary})`
  );
}
