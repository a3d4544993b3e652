/**
 * How a cost grows with the number of instances, measured against itself in the same run: the
 * time at a large count over the time at an eighth of it, in rounds that alternate which count
 * goes first (so that both see the same load of a shared machine), the median round counting.
 */
import { type Figure, figure } from '../figure.js';

/** The two counts of a round: the baseline and the measured one, GROWTH_FACTOR times larger. */
export type Size = 'small' | 'large';

export const SIZES: readonly Size[] = ['small', 'large'];

/** The large count over the small one. */
export const GROWTH_FACTOR = 8;

/**
 * The most the time may grow from the small count to the large one. Linear work grows 8×, n log n
 * about 10× at these counts (8 × ln 100,000 / ln 12,500); the memory hierarchy adds more once the
 * large count's instances outgrow the CPU's caches (settling 100,000 shuffled instances grew 8 to
 * 18× from round to round here, 13.5× and 14.5× at the median of two runs). Quadratic work grows
 * 64×, and more with the same cache effects. 32 is twice the worst linear round seen and half the
 * quadratic growth: noise does not cross it, and anything growing faster than about n^1.67
 * (8^1.67 = 32) misses it.
 */
export const GROWTH_GOAL = 32;

/** One round: the milliseconds each count took. */
export type GrowthRound = Record<Size, number>;

/** The order of the two counts in round `round` (from 0): the small one first in even rounds. */
export function roundOrder(round: number): readonly Size[] {
  return round % 2 === 0 ? SIZES : [...SIZES].reverse();
}

export function growthOf(round: GrowthRound): number {
  return round.large / round.small;
}

/**
 * The round of the median growth (of two middle ones, the lower): its two times are printed, and
 * their quotient is the figure's ratio. One round's pair, not the medians of each count apart,
 * because the two were measured moments apart on the same machine.
 */
export function medianRound(rounds: readonly GrowthRound[]): GrowthRound {
  if (rounds.length === 0) throw new RangeError('a growth needs at least one round');
  const sorted = [...rounds].sort((a, b) => growthOf(a) - growthOf(b));
  return sorted[Math.floor((sorted.length - 1) / 2)] as GrowthRound;
}

export interface GrowthInput {
  rounds: readonly GrowthRound[];
  counts: Readonly<Record<Size, number>>;
  /** What was timed, in a few words: "the read that settles them". */
  timed: string;
  detail?: Record<string, unknown>;
  note: string;
}

/** A growth's figure: the median round's large time against its small one; ratio ≤ GROWTH_GOAL. */
export function growthFigure(input: GrowthInput): Figure {
  const median = medianRound(input.rounds);
  const count = (size: Size) => input.counts[size].toLocaleString('en-US');
  return figure({
    value: median.large,
    baseline: median.small,
    unit: 'ms',
    valueLabel: `${count('large')} instances`,
    baselineLabel: `${count('small')} instances`,
    goal: { on: 'ratio', atMost: GROWTH_GOAL },
    detail: {
      ...input.detail,
      timed: input.timed,
      counts: input.counts,
      factor: input.counts.large / input.counts.small,
      rounds: input.rounds.map((round) => ({ ...round, growth: growthOf(round) })),
    },
    note: input.note,
  });
}
