import { describe, expect, it } from 'vitest';
import { expectedInstanceId } from '../src/contract/instance-id.js';
import {
  duplicateTriggerTime,
  firstTriggerTime,
  MINUTE_MS,
  planTriggerTimes,
  RETRY_MINUTES,
} from '../src/plan/trigger-times.js';

const at = (iso: string) => Date.parse(iso);
const minuteOf = (t: number) => Math.floor(t / MINUTE_MS);

describe('trigger times', () => {
  it('are past minutes, one per candidate, going back a minute at a time', () => {
    const now = at('2026-03-04T10:20:30.456Z');
    const { candidateMinutes } = planTriggerTimes(now);
    expect(candidateMinutes).toHaveLength(1 + RETRY_MINUTES);
    for (const [i, minute] of candidateMinutes.entries()) {
      expect(minute % MINUTE_MS).toBe(0);
      expect(firstTriggerTime(minute)).toBeLessThan(now);
      if (i > 0) expect(minute).toBe((candidateMinutes[i - 1] as number) - MINUTE_MS);
    }
  });

  it('give runs started in different seconds of a minute different minutes', () => {
    const base = at('2026-03-04T10:20:00.000Z');
    const firsts = Array.from(
      { length: 60 },
      (_, s) => planTriggerTimes(base + s * 1000 + 321).candidateMinutes[0],
    );
    expect(new Set(firsts).size).toBe(60);
  });

  it('never give two consecutive runs (seconds apart) the same first minute', () => {
    const start = at('2026-03-04T10:20:58.000Z');
    for (const gap of [1_000, 2_500, 4_000, 30_000, 59_000]) {
      const a = planTriggerTimes(start).candidateMinutes[0];
      const b = planTriggerTimes(start + gap).candidateMinutes[0];
      expect(b).not.toBe(a);
    }
  });

  it('keep the first trigger and the duplicate in the same minute, with seconds', () => {
    const minute = planTriggerTimes(Date.now()).candidateMinutes[0] as number;
    expect(minuteOf(firstTriggerTime(minute))).toBe(minuteOf(minute));
    expect(minuteOf(duplicateTriggerTime(minute))).toBe(minuteOf(minute));
    expect(firstTriggerTime(minute) % MINUTE_MS).not.toBe(0);
    expect(duplicateTriggerTime(minute)).not.toBe(firstTriggerTime(minute));
  });
});

describe('the inferred instance ID', () => {
  it("is the seed's: flow 3377 at 1574385824000 (01:23:44Z) gives 3377-20191122012300", () => {
    expect(expectedInstanceId(3377, 1574385824000)).toBe('3377-20191122012300');
  });

  it('of a trigger time of 0 is <flowId>-19700101000000, as in the return sample', () => {
    expect(expectedInstanceId(2791, 0)).toBe('2791-19700101000000');
  });
});
