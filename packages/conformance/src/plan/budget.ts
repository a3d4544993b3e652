/**
 * What a run may do to each flow, printed before it sends anything: how many requests name the
 * flow at most, and how many instances a server that keeps the contract starts from them.
 */
import type { Category, NegativeCase } from './negative-cases.js';
import { FLOW } from './negative-templates.js';
import type { RunFlows } from './requests.js';
import type { PlannedTransaction } from './transactions.js';
import { firstTriggerTime, RETRY_MINUTES } from './trigger-times.js';

export interface BudgetLine {
  flowId: number;
  why: string;
  requests: number;
  instances: number;
  /** The operations sent with what its instance's success answered (the contract's links). */
  linked: string[];
  /** Of those, the requests that ask about the instance as another user (--foreign-user-id). */
  asOtherUser?: { userId: string; requests: number };
}

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
  const linked = [
    ...new Set(
      sent
        .filter((entry) => entry.linkedFrom !== undefined && entry.flows.includes(flows.flowId))
        .map((entry) => entry.summary),
    ),
  ];
  const asOther = sent.filter((entry) => entry.provocation === 'operation-foreign-user').length;
  const lines: BudgetLine[] = [
    {
      flowId: flows.flowId,
      why: '--flow-id',
      requests: named(flows.flowId) + lane,
      instances: triggers,
      linked: triggers > 0 ? linked : [],
      ...(asOther > 0 && flows.foreignUserId !== undefined
        ? { asOtherUser: { userId: flows.foreignUserId, requests: asOther } }
        : {}),
    },
  ];
  if (flows.noTaskFlowId !== undefined) {
    lines.push({
      flowId: flows.noTaskFlowId,
      why: 'no task',
      requests: named(flows.noTaskFlowId),
      instances: 0,
      linked: [],
    });
  }
  if (flows.foreignFlowId !== undefined) {
    lines.push({
      flowId: flows.foreignFlowId,
      why: "another user's",
      requests: named(flows.foreignFlowId),
      instances: 0,
      linked: [],
    });
  }
  if (flows.lockedFlowId !== undefined) {
    lines.push({
      flowId: flows.lockedFlowId,
      why: 'locked',
      requests: named(flows.lockedFlowId),
      instances: 0,
      linked: [],
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
    const other = line.asOtherUser;
    const then =
      line.linked.length === 0
        ? ''
        : `, then sends ${listed(line.linked)} with that instance (the contract's links)` +
          (other === undefined
            ? ''
            : `, ${other.requests} of them as user ${other.userId} (--foreign-user-id), which a server that keeps the contract refuses`);
    return `  flow ${line.flowId} (${line.why}): at most ${line.requests} ${line.requests === 1 ? 'request names' : 'requests name'} it or its instance; ${instances}${then}`;
  });
}

/** `a`, `a and b`, `a, b and c`. */
function listed(names: string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
