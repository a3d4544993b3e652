/** @enos-trigger/bench: the toolkit's benchmarks, for `npm run bench` (see the README). */
export type { FailedFigure, Figure, FigureOutcome, Goal } from './figure.js';
export { FIGURE_GROUPS, type FigureKey, GROUP_NAMES, type GroupName } from './groups.js';
export { fullProfile, type Profile, quickProfile } from './profile.js';
export { type BenchOptions, type BenchResult, type BenchRun, runBench } from './run.js';
