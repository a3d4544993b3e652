/**
 * When the run's own flow cannot be triggered, the flags are wrong, not the server. The success
 * trigger names --flow-id as --user-id of --org-id, at a minute the run picked so that no
 * earlier run used it; a server that keeps the contract answers it with a success. If it answers
 * with one of the catalog's refusals that are about the caller's own input, the run stops before
 * anything else is sent and exits 2, naming the flag to fix, why, and the contract's advice:
 *
 * | the answer                 | the flag to fix            | why                                  |
 * | -------------------------- | -------------------------- | ------------------------------------ |
 * | 62101 unknown user         | --user-id, --org-id        | no such user in that organization    |
 * | 62103 not the owner        | --flow-id (or --user-id)   | the flow is not the user's           |
 * | 62104 no task              | --flow-id                  | the flow has no task                 |
 * | 62105 user locked          | --user-id                  | the user is locked                   |
 * | 62106 workflow locked      | --flow-id                  | the flow is locked                   |
 * | 62102 cannot create, in    | --flow-id                  | the flow does not exist (every       |
 * | every candidate minute     |                            | minute taken is far less likely)     |
 *
 * A 62102 in one minute is not enough: an earlier run may have used that minute, so the run goes
 * back a minute first (the engine's hooks), and only every candidate minute refused means the flow
 * does not exist. An answer is matched by its code: on a real deployment the words of a refusal
 * may differ, and its code is what says which refusal it is (62102, which has two entries, is
 * "cannot create" here: the success trigger's body is valid).
 *
 * Everything else (62109, a success with a wrong shape, a gateway error) is the server's doing,
 * and is checked as such.
 */
import { type CallValues, fillAdvice } from '../contract/advice.js';
import {
  type CatalogExample,
  catalogByCode,
  matchCatalog,
  type OperationView,
} from '../contract/view.js';

/** The catalog entry that says a flow was already triggered for a minute, or does not exist. */
export const TAKEN = 'cannotCreateInstance';

interface Rule {
  flags: string;
  why(call: Required<Pick<CallValues, 'flowId' | 'userId'>> & { orgId: string }): string;
  fix: string;
}

const RULES: Record<string, Rule> = {
  userNotInOrg: {
    flags: '--user-id and --org-id',
    why: (c) => `user "${c.userId}" does not exist, or is not in organization "${c.orgId}"`,
    fix: "Give the user that owns --flow-id, and that user's organization.",
  },
  noPrivilege: {
    flags: '--flow-id (or --user-id)',
    why: (c) => `flow ${c.flowId} is not user "${c.userId}"'s`,
    fix: 'Give a flow that --user-id owns, or the owner of --flow-id as --user-id.',
  },
  noTask: {
    flags: '--flow-id',
    why: (c) => `flow ${c.flowId} has no task`,
    fix: 'Give a flow with at least one task (a flow without one belongs in --no-task-flow-id).',
  },
  userLocked: {
    flags: '--user-id',
    why: (c) => `user "${c.userId}" is locked`,
    fix: 'Give an unlocked user (a locked one belongs in --locked-user-id).',
  },
  workflowLocked: {
    flags: '--flow-id',
    why: (c) => `flow ${c.flowId} is locked`,
    fix: 'Give an unlocked flow (a locked one belongs in --locked-flow-id).',
  },
  [TAKEN]: {
    flags: '--flow-id',
    why: (c) =>
      `flow ${c.flowId} most likely does not exist (or is not user "${c.userId}"'s): every minute the run tried was refused as taken, and earlier runs cannot have used them all`,
    fix: 'Give the ID of an existing flow that --user-id owns.',
  },
};

/** The catalog entry the success trigger's answer is, by its code (see above). */
export function successRefusal(op: OperationView, body: unknown): CatalogExample | undefined {
  const sameCode = catalogByCode(op, body);
  if (sameCode.length <= 1) return sameCode[0];
  return matchCatalog(op, body) ?? sameCode.find((entry) => entry.name === TAKEN);
}

/**
 * The configuration error the success trigger's last answer means, or undefined when it means
 * none. Called with the last answer only: a "cannot create" there means every candidate minute
 * was refused.
 */
export function configurationError(
  op: OperationView,
  body: unknown,
  call: { flowId: number; userId: string; orgId: string; triggerTime: number },
): string | undefined {
  const entry = successRefusal(op, body);
  const rule = entry ? RULES[entry.name] : undefined;
  if (!entry || !rule) return undefined;
  return (
    `Check ${rule.flags}: the server answered the run's trigger of flow ${call.flowId} (--flow-id) ` +
    `with ${entry.summary}, so ${rule.why(call)}. ${rule.fix} ` +
    `The contract's advice: ${fillAdvice(entry.advice, call)} ` +
    'This is a mistake in the flags, not a violation of the contract: the run sent no other trigger.'
  );
}
