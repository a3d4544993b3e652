/**
 * A bounded wait: read (one tick), and if what the lane waits for is not there yet, let the poll
 * interval pass and read again, until it is or the bound has passed. Nothing waits longer than
 * its bound (plus one tick's requests, each within --request-timeout), and every wait is
 * recorded with its name, its bound and how long it took.
 */
import type { LaneClock } from './clock.js';
import type { WaitRecord } from './record.js';

export interface WaitLimits {
  /** The longest one wait may take (--behaviour-timeout), in ms. */
  timeoutMs: number;
  /** The time between two reads (--poll-interval), in ms. */
  intervalMs: number;
}

/**
 * Wait until `tick()` answers true. `tick` reads what the lane follows (and records it); it is
 * called at once, then once per interval.
 */
export async function waitFor(
  id: string,
  name: string,
  tick: () => Promise<boolean>,
  clock: LaneClock,
  limits: WaitLimits,
): Promise<WaitRecord> {
  const started = clock.now();
  const elapsed = () => clock.now() - started;
  for (;;) {
    if (await tick()) {
      return { id, name, boundMs: limits.timeoutMs, elapsedMs: elapsed(), reached: true };
    }
    const left = limits.timeoutMs - elapsed();
    if (left <= 0) {
      return { id, name, boundMs: limits.timeoutMs, elapsedMs: elapsed(), reached: false };
    }
    await clock.pass(Math.min(limits.intervalMs, left));
  }
}

/** A wait the lane did not start, and why. */
export function notWaited(id: string, name: string, why: string, boundMs: number): WaitRecord {
  return { id, name, boundMs, elapsedMs: 0, reached: false, skipped: why };
}
