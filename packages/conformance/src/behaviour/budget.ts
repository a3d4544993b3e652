/**
 * What the behaviour lane may do to a deployment, said before the run sends anything: how many
 * instances it starts and with how many trigger requests, how many cancels it sends and of
 * what, and how long it may wait. Every number is an upper bound the lane keeps.
 */
import { isoMinute } from '../plan/trigger-times.js';
import { RESPECT_KILL_GRACE_MS } from '../respect/index.js';
import { ARAZZO_INPUT_PROBES, ARAZZO_TRIGGER_TIMES, type ArazzoPlan } from './arazzo.js';
import { cleanupMaxRequests } from './cleanup.js';
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

/**
 * The scenario's requests that no wait's bound covers (scenario.ts): every trigger request
 * (going back a minute while one is taken); A's read and List, the reads after B, C and D are
 * triggered, another user's Get and Cancel of D and a read, the cancel of D and a read (11);
 * and one tick's reads past each wait's bound.
 */
const SCENARIO_REQUESTS = LABELS.length * WINDOW_MINUTES + 11 + LANE_WAITS * LABELS.length;

/**
 * The longest the lane may take: its waits, and a request's time for the scenario's own
 * requests; when Respect runs (`respectTimeoutMs`, its time limit), the List requests that
 * choose the workflows' trigger times, Respect's time limit and the grace it has past it; then
 * cleanup's requests, of the lane's instances and of the workflows'.
 */
export function laneMaxMs(
  timeoutMs: number,
  requestTimeoutMs: number,
  respectTimeoutMs?: number,
): number {
  const scenario = LANE_WAITS * timeoutMs + SCENARIO_REQUESTS * requestTimeoutMs;
  if (respectTimeoutMs === undefined) {
    return scenario + cleanupMaxRequests(0) * requestTimeoutMs;
  }
  const respect = ARAZZO_INPUT_PROBES * requestTimeoutMs + respectTimeoutMs + RESPECT_KILL_GRACE_MS;
  return scenario + respect + cleanupMaxRequests(ARAZZO_TRIGGER_TIMES) * requestTimeoutMs;
}
