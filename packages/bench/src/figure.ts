/**
 * One benchmark figure: a value next to a baseline measured in the same run, their ratio, and
 * whether the goal holds. Every figure in the table and in latest.json has this shape.
 */

/** A goal on the ratio (value / baseline) or on the value itself. */
export type Goal =
  | { on: 'ratio'; atMost: number }
  | { on: 'ratio'; atLeast: number }
  | { on: 'value'; atMost: number };

export interface Figure {
  /** What was measured, in `unit`. */
  value: number;
  /** The peer it is compared with, measured in the same run, in `unit`. */
  baseline: number;
  /** value / baseline. */
  ratio: number;
  /** The goal in words, e.g. "ratio ≤ 1.15". */
  goal: string;
  met: boolean;
  unit: string;
  /** What the value and the baseline are. */
  valueLabel: string;
  baselineLabel: string;
  /** Supporting numbers (p99 latencies, sizes, exit codes), for the reader. */
  detail: Record<string, unknown>;
  /** One line printed under the table: what else the reader must know to read the figure. */
  note?: string;
}

/** A figure that could not be measured, with the reason. */
export interface FailedFigure {
  error: string;
}

export type FigureOutcome = Figure | FailedFigure;

export function isFailed(outcome: FigureOutcome): outcome is FailedFigure {
  return 'error' in outcome;
}

export function goalText(goal: Goal): string {
  if ('atLeast' in goal) return `ratio ≥ ${goal.atLeast}`;
  return `${goal.on} ≤ ${goal.atMost}`;
}

function holds(goal: Goal, value: number, ratio: number): boolean {
  const measured = goal.on === 'ratio' ? ratio : value;
  return 'atLeast' in goal ? measured >= goal.atLeast : measured <= goal.atMost;
}

export interface FigureInput {
  value: number;
  baseline: number;
  goal: Goal;
  unit: string;
  valueLabel: string;
  baselineLabel: string;
  detail?: Record<string, unknown>;
  note?: string;
}

export function figure(input: FigureInput): Figure {
  const ratio = input.value / input.baseline;
  return {
    value: input.value,
    baseline: input.baseline,
    ratio,
    goal: goalText(input.goal),
    met: holds(input.goal, input.value, ratio),
    unit: input.unit,
    valueLabel: input.valueLabel,
    baselineLabel: input.baselineLabel,
    detail: input.detail ?? {},
    ...(input.note === undefined ? {} : { note: input.note }),
  };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
