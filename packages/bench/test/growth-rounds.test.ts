/** The growth computation: alternating rounds, the median round, and the figure it makes. */
import { describe, expect, it } from 'vitest';
import {
  GROWTH_FACTOR,
  GROWTH_GOAL,
  type GrowthRound,
  growthFigure,
  growthOf,
  medianRound,
  roundOrder,
} from '../src/growth/rounds.js';

const counts = { small: 12_500, large: 100_000 };

/** Rounds of work growing as `cost(count)`, each round's times scaled by its own noise. */
function roundsOf(cost: (count: number) => number, noise: readonly number[]): GrowthRound[] {
  return noise.map((factor) => ({
    small: cost(counts.small) * factor,
    large: cost(counts.large) * factor,
  }));
}

const figureOf = (rounds: readonly GrowthRound[]) =>
  growthFigure({ rounds, counts, timed: 'the work', note: 'a note' });

describe('roundOrder', () => {
  it('alternates which count goes first, the small one in the first round', () => {
    expect([0, 1, 2, 3].map(roundOrder)).toEqual([
      ['small', 'large'],
      ['large', 'small'],
      ['small', 'large'],
      ['large', 'small'],
    ]);
  });
});

describe('medianRound', () => {
  it('takes the round of the median growth, not the median of each count apart', () => {
    const rounds = [
      { small: 10, large: 300 }, // 30×
      { small: 1, large: 9 }, // 9×
      { small: 20, large: 240 }, // 12×
    ];
    expect(medianRound(rounds)).toEqual({ small: 20, large: 240 });
  });

  it('takes the lower of the two middle rounds of an even count', () => {
    const rounds = [8, 16, 12, 10].map((growth) => ({ small: 1, large: growth }));
    expect(growthOf(medianRound(rounds))).toBe(10);
  });

  it('refuses no rounds', () => {
    expect(() => medianRound([])).toThrow(RangeError);
  });
});

describe('growthFigure', () => {
  it('prints the median round: its large time as the value, its small one as the baseline', () => {
    const result = figureOf([
      { small: 10, large: 150 },
      { small: 12, large: 120 },
      { small: 11, large: 500 },
    ]);
    expect(result).toMatchObject({
      value: 150,
      baseline: 10,
      ratio: 15,
      unit: 'ms',
      valueLabel: '100,000 instances',
      baselineLabel: '12,500 instances',
      goal: `ratio ≤ ${GROWTH_GOAL}`,
      met: true,
    });
    expect(result.detail.factor).toBe(GROWTH_FACTOR);
  });

  it('keeps every round and its growth in the detail, whatever detail the caller adds', () => {
    const rounds = [
      { small: 10, large: 80 },
      { small: 10, large: 100 },
    ];
    const result = growthFigure({ rounds, counts, timed: 'x', note: 'n', detail: { rounds: 2 } });
    expect(result.detail.rounds).toEqual([
      { small: 10, large: 80, growth: 8 },
      { small: 10, large: 100, growth: 10 },
    ]);
  });

  it.each([
    ['linear', (n: number) => n],
    ['n log n', (n: number) => n * Math.log(n)],
    // What the memory hierarchy adds, as measured here: about 1.7 times linear.
    ['linear with cache misses', (n: number) => n * (n > 50_000 ? 1.7 : 1)],
  ])('meets the goal for %s work, whatever the noise of a round', (_, cost) => {
    expect(figureOf(roundsOf(cost, [1, 1.3, 0.8, 2, 1])).met).toBe(true);
  });

  it.each([
    ['quadratic', (n: number) => n * n],
    ['n^1.75', (n: number) => n ** 1.75],
  ])('misses the goal for %s work', (_, cost) => {
    expect(figureOf(roundsOf(cost, [1, 1.3, 0.8, 2, 1])).met).toBe(false);
  });

  it('is not fooled by one round spoiled by the machine', () => {
    const rounds = roundsOf((n) => n, [1, 1, 1]);
    rounds[1] = { small: 1, large: 1000 }; // a burst of other work during one large count
    expect(figureOf(rounds).met).toBe(true);
  });
});
