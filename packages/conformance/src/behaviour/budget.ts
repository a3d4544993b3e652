/**
 * What the behaviour lane may do to a deployment, said before the run sends anything: how many
 * instances it starts and with how many trigger requests, how many cancels it sends and of
 * what, and how long it may wait. Every number is an upper bound the lane keeps.
 */
import { isoMinute } from '../plan/trigger-times.js';
import type { ArazzoPlan } from './arazzo.js';
import { labelMinutes, WINDOW_MINUTES } from './minutes.js';
import { LABELS } from './record.js';

/** The waits of the lane: the flow idle, A runs, A ends, C ends, B ends (scenario.ts). */
export const LANE_WAITS = 5;

export interface LaneBudgetInput {
  flowId: number;
  foreignUserId?: string;
  laneStart: number;
  timeoutMs: number;
  intervalMs: number;
  /** The Arazzo workflows Respect runs; undefined when it runs none. */
  arazzo?: ArazzoPlan;
  /** The lane moves the bundled sandbox's clock instead of waiting. */
  sandboxClock: boolean;
}

export function laneBudgetText(b: LaneBudgetInput): string[] {
  const first = isoMinute(labelMinutes(b.laneStart, 'D').at(-1) as number);
  const last = isoMinute(labelMinutes(b.laneStart, 'B')[0] as number);
  const arazzo = b.arazzo;
  const instances = LABELS.length + (arazzo?.triggerSteps ?? 0);
  const lines = [
    `  flow ${b.flowId}: ${LABELS.length} instances (${LABELS.join(', ')}), with at most ${LABELS.length * WINDOW_MINUTES} trigger requests (going back a minute while one is taken), trigger times from ${first} to ${last}` +
      (arazzo === undefined
        ? ''
        : `; and at most ${arazzo.triggerSteps} more from the ${arazzo.workflows.length} Arazzo workflows (${arazzo.triggerSteps} trigger requests)`),
    `  cancels: 1 of D while it waits (rule 5)` +
      (b.foreignUserId === undefined
        ? ''
        : `; 1 of D as user ${b.foreignUserId}, which a server that keeps the contract refuses (rule 6)`) +
      (arazzo === undefined ? '' : `; at most ${arazzo.cancelSteps} in the Arazzo workflows`) +
      `; then, at its end (also after a failure or a stop), one for each of its at most ${instances} instances still waiting (WAIT or INIT): a running one is left to end`,
    `  waits: at most ${LANE_WAITS}, each within ${b.timeoutMs / 1000} s (--behaviour-timeout), reading every ${b.intervalMs / 1000} s (--poll-interval)` +
      (b.sandboxClock
        ? "; the bundled sandbox's clock is moved instead of waiting"
        : ', in real time'),
  ];
  return lines;
}

/** The longest the lane may take: its waits, and a request's time for each tick's reads. */
export function laneMaxMs(timeoutMs: number, requestTimeoutMs: number): number {
  return LANE_WAITS * timeoutMs + 20 * requestTimeoutMs;
}
