/** The trigger times a fill sends: each minute once, shuffled, the same in every run. */
import { describe, expect, it } from 'vitest';
import { shuffledTriggerTimes } from '../src/growth/trigger-times.js';

const MINUTE = 60_000;
const latest = Date.UTC(2026, 0, 1, 12, 0, 30); // mid-minute: minutes count from 12:00

describe('shuffledTriggerTimes', () => {
  it('gives every whole minute before the latest one once, and their bounds', () => {
    const { times, from, to } = shuffledTriggerTimes(1000, latest);
    const minute = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect([...times].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 1000 }, (_, index) => minute - (1000 - index) * MINUTE),
    );
    expect(from).toBe(minute - 1000 * MINUTE);
    expect(to).toBe(minute - MINUTE);
  });

  it('hands them out shuffled: a sort of them has real work to do', () => {
    const { times } = shuffledTriggerTimes(1000, latest);
    const ascending = times.filter(
      (time, index) => index > 0 && time > (times[index - 1] as number),
    );
    // About half the neighbours ascend in a shuffle; sorted input would give none or all.
    expect(ascending.length).toBeGreaterThan(400);
    expect(ascending.length).toBeLessThan(600);
  });

  it('shuffles alike every time', () => {
    expect(shuffledTriggerTimes(500, latest)).toEqual(shuffledTriggerTimes(500, latest));
  });

  it('refuses a count that is not a whole number of at least 1', () => {
    for (const count of [0, -1, 1.5, Number.NaN]) {
      expect(() => shuffledTriggerTimes(count, latest)).toThrow(RangeError);
    }
  });
});
