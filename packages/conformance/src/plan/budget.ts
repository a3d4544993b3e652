/**
 * What a run may do to each flow, printed before it sends anything: how many requests name the
 * flow at most, and how many instances a server that keeps the contract starts from them.
 */
import type { Category, NegativeCase } from './negative-cases.js';
import { FLOW } from './negative-templates.js';
import type { RunFlows } from './requests.js';
import type { PlannedTransaction, Provocation } from './transactions.js';
import { firstTriggerTime, RETRY_MINUTES } from './trigger-times.js';

export interface BudgetLine {
  flowId: number;
  why: string;
  requests: number;
  instances: number;
  /** The operations sent with what its instance's success answered (the contract's links). */
  linked: string[];
  /**
   * Of those, the requests that ask about the instance as another user than the run's, by that
   * user (--foreign-user-id, --locked-user-id): each one a server that keeps the contract refuses.
   */
  asOtherUsers: OtherUserRequests[];
}

export interface OtherUserRequests {
  userId: string;
  /** The flag that gave the user. */
  flag: string;
  requests: number;
}

/** The users a request may ask as instead of the run's, by the provocation that does. */
const OTHER_USERS: {
  provocation: Provocation;
  flag: string;
  user: (flows: RunFlows) => string | undefined;
}[] = [
  {
    provocation: 'operation-foreign-user',
    flag: '--foreign-user-id',
    user: (f) => f.foreignUserId,
  },
  { provocation: 'operation-locked-user', flag: '--locked-user-id', user: (f) => f.lockedUserId },
];

/** The other flows a run may name, each only to draw a refusal: it starts no instance of them. */
const OTHER_FLOWS: [keyof RunFlows & `${string}FlowId`, string][] = [
  ['noTaskFlowId', 'no task'],
  ['foreignFlowId', "another user's"],
  ['lockedFlowId', 'locked'],
];

export function triggerBudget(
  plan: PlannedTransaction[],
  cases: Map<Category, NegativeCase[]>,
  flows: RunFlows,
): BudgetLine[] {
  const sent = plan.filter((entry) => entry.skip === undefined);
  const named = (flowId: number) =>
    sent.reduce((n, entry) => n + entry.flows.filter((f) => f === flowId).length, 0);
  const lane = [...cases.values()].flat().filter((c) => c.template.includes(FLOW)).length;
  const triggers = sent.some((entry) => entry.provocation === 'trigger-success') ? 1 : 0;
  const withInstance = sent.filter(
    (entry) => entry.linkedFrom !== undefined && entry.flows.includes(flows.flowId),
  );
  const linked = [...new Set(withInstance.map((entry) => entry.summary))];
  const asOtherUsers = OTHER_USERS.flatMap(({ provocation, flag, user }): OtherUserRequests[] => {
    const userId = user(flows);
    const requests = withInstance.filter((entry) => entry.provocation === provocation).length;
    return userId === undefined || requests === 0 ? [] : [{ userId, flag, requests }];
  });
  const lines: BudgetLine[] = [
    {
      flowId: flows.flowId,
      why: '--flow-id',
      requests: named(flows.flowId) + lane,
      instances: triggers,
      linked: triggers > 0 ? linked : [],
      asOtherUsers: triggers > 0 ? asOtherUsers : [],
    },
  ];
  for (const [key, why] of OTHER_FLOWS) {
    const flowId = flows[key];
    if (flowId === undefined) continue;
    lines.push({
      flowId,
      why,
      requests: named(flowId),
      instances: 0,
      linked: [],
      asOtherUsers: [],
    });
  }
  return lines;
}

export function budgetText(lines: BudgetLine[], firstMinute: number): string[] {
  return lines.map((line) => {
    const instances =
      line.instances === 0
        ? 'a server that keeps the contract starts no instance of it'
        : `a server that keeps the contract starts ${line.instances} instance of it, for trigger time ${new Date(firstTriggerTime(firstMinute)).toISOString()} (or one of the ${RETRY_MINUTES} minutes before, if that minute is taken)`;
    const others = line.asOtherUsers.map(
      (other, i) =>
        `${other.requests} ${i === 0 ? 'of them ' : ''}as user ${other.userId} (${other.flag})`,
    );
    const then =
      line.linked.length === 0
        ? ''
        : `, then sends ${listed(line.linked)} with that instance (the contract's links)` +
          (others.length === 0
            ? ''
            : `, ${listed(others)}, which a server that keeps the contract refuses`);
    return `  flow ${line.flowId} (${line.why}): at most ${line.requests} ${line.requests === 1 ? 'request names' : 'requests name'} it or its instance; ${instances}${then}`;
  });
}

/** `a`, `a and b`, `a, b and c`. */
function listed(names: string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
