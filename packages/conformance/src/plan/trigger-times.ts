/**
 * Which trigger times a run uses. A flow accepts one instance per trigger-time minute (the
 * contract's inferred rule), so a run must never pick a minute an earlier run used, without
 * any memory of earlier runs:
 *
 * - every candidate is in the past, so the instance runs at once;
 * - the first candidate goes back (1 + the current second) minutes from the current minute,
 *   so two runs started in different seconds of one minute start from different minutes, and
 *   a run a minute later lands elsewhere again;
 * - if a minute is already taken (the server answers the duplicate 62102), the run goes back
 *   one more minute, at most `RETRY_MINUTES` times.
 *
 * Trigger times carry seconds on purpose: the instance ID must keep only the minute.
 */

export const MINUTE_MS = 60_000;
/** How many earlier minutes a run tries when a minute is already taken. */
export const RETRY_MINUTES = 5;
/** Where in its minute the first trigger of a minute falls, and the duplicate after it. */
const FIRST_OFFSET_MS = 37_123;
const DUPLICATE_OFFSET_MS = 11_500;

export interface TriggerTimes {
  /** The minutes (epoch ms of their start) to try, in order. */
  candidateMinutes: number[];
}

export function planTriggerTimes(now: number): TriggerTimes {
  const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  const second = Math.floor((now - minute) / 1000);
  const first = minute - (1 + second) * MINUTE_MS;
  return {
    candidateMinutes: Array.from({ length: 1 + RETRY_MINUTES }, (_, i) => first - i * MINUTE_MS),
  };
}

/** The trigger time of the first trigger in a minute. */
export function firstTriggerTime(minute: number): number {
  return minute + FIRST_OFFSET_MS;
}

/** A second trigger time in the same minute, for the duplicate check. */
export function duplicateTriggerTime(minute: number): number {
  return minute + DUPLICATE_OFFSET_MS;
}

export function isoMinute(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16)}Z`;
}
