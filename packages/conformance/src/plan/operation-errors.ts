/**
 * How the run provokes a business error of an operation without a role: by the catalog entry's
 * name, a change to the operation's success request, so that each applies to any operation that
 * has what it changes. What no change can draw is skipped, with the reason.
 *
 * | entry              | what the run sends                                                   |
 * | ------------------ | -------------------------------------------------------------------- |
 * | userNotInOrg       | the success request with a userId that does not exist                |
 * | invalidRequest     | the success request broken (plan/invalid-request.ts)                 |
 * | instanceNotFound   | the success request with every linked value one nobody has           |
 * | instanceFinished   | the success request again, after it (the instance has ended)         |
 * | noPrivilege        | the success request with --foreign-user-id in it (foreign-user.ts)   |
 * | userLocked         | the success request asked as --locked-user-id (locks.ts)             |
 * | workflowLocked     | nothing: no call of the API makes an instance of a locked workflow   |
 */
import type { CatalogExample, OperationView } from '../contract/view.js';
import { USER_PARAMETER } from '../http/api.js';
import { namesCaller } from './caller.js';
import { foreignUserChange, NOT_OWNER } from './foreign-user.js';
import { invalidRequestChange } from './invalid-request.js';
import type { LinkPlan } from './linked-operations.js';
import {
  lockedUserHow,
  lockedWorkflowSkip,
  NO_LOCKED_USER,
  USER_LOCKED,
  WORKFLOW_LOCKED,
} from './locks.js';
import type { PlanInput, Provocation } from './transactions.js';

export type OperationErrorPlan = { provocation: Provocation; how: string } | { skip: string };

const NO_MEANS =
  'the run has no means to provoke this answer: no link or example of the contract gives a request that draws it';
const NO_LINK = 'no link of the contract gives this operation a value the run could replace';

const NO_OTHER_USER =
  'no --foreign-user-id given (another unlocked user of --org-id, who does not own --flow-id)';

/** Why the errors no change draws are skipped, by the entry's name; else NO_MEANS. */
const UNPROVOKED: Record<string, string> = {
  internalError: 'a healthy server does not fail on demand',
};

export function operationErrorPlan(
  op: OperationView,
  entry: CatalogExample,
  linked: LinkPlan | undefined,
  /** The body the success request sends, to find what to break in it. */
  successBody: string,
  /** The other users the run may ask as (--foreign-user-id, --locked-user-id), if it has them. */
  users: Pick<PlanInput, 'foreignUserId' | 'lockedUserId'>,
): OperationErrorPlan {
  const { foreignUserId, lockedUserId } = users;
  switch (entry.name) {
    case 'userNotInOrg':
      return namesCaller(op)
        ? { provocation: 'operation-unknown-user', how: `a ${USER_PARAMETER} that does not exist` }
        : { skip: NO_MEANS };
    case 'invalidRequest': {
      const change = invalidRequestChange(op, successBody);
      return change
        ? { provocation: 'operation-invalid-request', how: change.how }
        : { skip: NO_MEANS };
    }
    case 'instanceNotFound':
      return linked
        ? { provocation: 'operation-unknown-link', how: `${linked.gives} naming nothing` }
        : { skip: NO_LINK };
    case 'instanceFinished':
      return linked
        ? { provocation: 'operation-repeat', how: 'the success request again, after it' }
        : { skip: NO_LINK };
    case NOT_OWNER: {
      const change = foreignUserChange(op);
      if (!change) return { skip: NO_MEANS };
      if (!linked) return { skip: NO_LINK };
      return foreignUserId === undefined
        ? { skip: NO_OTHER_USER }
        : { provocation: 'operation-foreign-user', how: change.how(foreignUserId) };
    }
    case USER_LOCKED:
      if (!namesCaller(op)) return { skip: NO_MEANS };
      return lockedUserId === undefined
        ? { skip: NO_LOCKED_USER }
        : { provocation: 'operation-locked-user', how: lockedUserHow(lockedUserId) };
    case WORKFLOW_LOCKED:
      return { skip: lockedWorkflowSkip(linked) ?? NO_MEANS };
    default:
      return { skip: UNPROVOKED[entry.name] ?? NO_MEANS };
  }
}
