/**
 * The trigger times of the lane. A flow takes one instance per trigger-time minute, so the lane,
 * like the run before it (plan/trigger-times.ts), uses past minutes no earlier run is likely to
 * have used, and goes back a minute when one is taken. Each trigger has a window of minutes of
 * its own, the windows one after another before the run's own minutes, so that whatever minutes
 * are taken, the trigger times keep the order the rules need:
 *
 *     D < A < C < B      (D, then A, then C, then B: from the earliest trigger time)
 *
 * A runs first because it is triggered first, into an idle flow. B and C queue behind it, B
 * sent first: a flow that runs its queue in trigger-time order runs C before B. D is the
 * earliest, so if a cancel is ignored it would run next, in plain sight. The Arazzo workflows
 * (Respect) get windows after these, one minute each.
 */
import { firstTriggerTime, MINUTE_MS, RETRY_MINUTES } from '../plan/trigger-times.js';
import type { Label } from './record.js';

/** Minutes in one trigger's window: the first, and the ones tried when it is taken. */
export const WINDOW_MINUTES = 1 + RETRY_MINUTES;

/** The window of each label, counted back from the lane's first minute. */
const WINDOW: Record<Label, number> = { B: 0, C: 1, A: 2, D: 3 };
/** The first window after the lane's own, for the Arazzo workflows. */
export const FIRST_FREE_WINDOW = 4;

/**
 * The minutes (epoch ms of their start) a window's trigger tries, in order. `laneStart` is the
 * minute the lane's windows start from: the minute before the run's own candidates.
 */
export function windowMinutes(laneStart: number, window: number): number[] {
  return Array.from(
    { length: WINDOW_MINUTES },
    (_, i) => laneStart - (window * WINDOW_MINUTES + i) * MINUTE_MS,
  );
}

export function labelMinutes(laneStart: number, label: Label): number[] {
  return windowMinutes(laneStart, WINDOW[label]);
}

/** The lane's first minute: just before the run's own last candidate minute. */
export function laneStartMinute(runCandidateMinutes: number[]): number {
  const last = runCandidateMinutes[runCandidateMinutes.length - 1] as number;
  return last - MINUTE_MS;
}

/** The trigger time the lane sends in a minute: the run's (seconds in it, on purpose). */
export const laneTriggerTime = firstTriggerTime;
