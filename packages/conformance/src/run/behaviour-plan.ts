/**
 * The behaviour lane's plan for this run, made before anything is sent: its flow, its other
 * user (or why it has none), its first minute (before the run's own), its bounds, the sandbox's
 * clock when the target is the bundled sandbox, and the Arazzo workflows Respect will run (or
 * why none: another contract than the bundled one, which they describe).
 */
import {
  arazzoChoice,
  type LanePlan,
  laneBudgetText,
  laneStartMinute,
} from '../behaviour/index.js';
import type { BehaviourOptions, RunOptions } from '../config/options.js';
import type { Target } from '../target/resolve.js';

export function behaviourPlan(
  options: RunOptions,
  behaviour: BehaviourOptions,
  target: Target,
  candidateMinutes: number[],
): LanePlan {
  const foreign = target.flows.foreignUserId;
  return {
    flowId: target.flows.flowId,
    ...(foreign === undefined
      ? {
          noForeignUser:
            'no other user to ask as: give --foreign-user-id (another unlocked user of --org-id, who does not own --flow-id)',
        }
      : { foreignUserId: foreign }),
    laneStart: laneStartMinute(candidateMinutes),
    limits: { timeoutMs: behaviour.timeoutMs, intervalMs: behaviour.intervalMs },
    ...(target.advanceClock === undefined ? {} : { advanceClock: target.advanceClock }),
    arazzo: arazzoChoice(options),
  };
}

/**
 * The lane's budget, as the run prints it before it sends anything (in a dry run too, where the
 * bundled sandbox is not started).
 */
export function behaviourBudget(plan: LanePlan, bundledSandbox: boolean): string[] {
  const arazzo = 'plan' in plan.arazzo ? plan.arazzo.plan : undefined;
  return [
    'Behaviour lane (--behaviour), at most:',
    ...laneBudgetText({
      flowId: plan.flowId,
      ...(plan.foreignUserId === undefined ? {} : { foreignUserId: plan.foreignUserId }),
      laneStart: plan.laneStart,
      timeoutMs: plan.limits.timeoutMs,
      intervalMs: plan.limits.intervalMs,
      ...(arazzo === undefined ? {} : { arazzo }),
      sandboxClock: bundledSandbox,
    }),
  ];
}
