/** A figure's ratio and verdict: the goal is read the way the issue states it. */
import { describe, expect, it } from 'vitest';
import { figure, median } from '../src/figure.js';

const base = { unit: 'x', valueLabel: 'ours', baselineLabel: 'theirs' };

describe('figure', () => {
  it('divides the value by the baseline', () => {
    const result = figure({ ...base, value: 3, baseline: 2, goal: { on: 'ratio', atMost: 2 } });
    expect(result.ratio).toBe(1.5);
  });

  it.each([
    [{ on: 'ratio', atMost: 1.15 } as const, 115, 100, true, 'ratio ≤ 1.15'],
    [{ on: 'ratio', atMost: 1.15 } as const, 116, 100, false, 'ratio ≤ 1.15'],
    [{ on: 'ratio', atLeast: 10 } as const, 1000, 100, true, 'ratio ≥ 10'],
    [{ on: 'ratio', atLeast: 10 } as const, 999, 100, false, 'ratio ≥ 10'],
    [{ on: 'value', atMost: 5 } as const, 5, 100, true, 'value ≤ 5'],
    [{ on: 'value', atMost: 5 } as const, 5.01, 1, false, 'value ≤ 5'],
  ])('goal %j with %d against %d: met %s', (goal, value, baseline, met, text) => {
    const result = figure({ ...base, value, baseline, goal });
    expect(result.met).toBe(met);
    expect(result.goal).toBe(text);
  });
});

describe('median', () => {
  it('takes the middle of an odd count and the mean of the two middles of an even one', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('refuses no values', () => {
    expect(() => median([])).toThrow(RangeError);
  });
});
