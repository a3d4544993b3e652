/**
 * How long and how often each figure is measured: a full run (a few minutes) and a quick smoke
 * run (well under a minute, for `npm test`: it proves the harness works, not the figures).
 */
export interface Profile {
  mode: 'full' | 'quick';
  /** The whole run is stopped, its servers with it, past this. */
  deadlineMs: number;
  throughput: { rounds: number; warmupSeconds: number; durationSeconds: number };
  /** `instances`: the large count of the growth figures (the small one is an eighth of it). */
  growth: { instances: number; settleRounds: number; listRounds: number };
  clientCpu: { rounds: number; callsPerRound: number; warmupCalls: number };
  generation: { rounds: number; warmupRounds: number };
  conformance: { rounds: number; timeoutMs: number };
  /** `filter`: turbo's --filter (and --only) for the build figure; none builds the whole repo. */
  build: { filter: string[]; warmRuns: number; timeoutMs: number };
}

export const fullProfile: Profile = {
  mode: 'full',
  deadlineMs: 600_000,
  // Many short rounds rather than a few long ones: on a shared machine a burst of other work
  // then spoils one round, which the median drops.
  throughput: { rounds: 7, warmupSeconds: 2, durationSeconds: 2 },
  // Issue #17's count for listing. Each settle round fills both sandboxes afresh (about 10 s
  // here), a list round is two calls: hence fewer settle rounds than list rounds.
  growth: { instances: 100_000, settleRounds: 5, listRounds: 9 },
  clientCpu: { rounds: 9, callsPerRound: 1000, warmupCalls: 500 },
  generation: { rounds: 21, warmupRounds: 10 },
  conformance: { rounds: 3, timeoutMs: 90_000 },
  build: { filter: [], warmRuns: 3, timeoutMs: 300_000 },
};

export const quickProfile: Profile = {
  mode: 'quick',
  deadlineMs: 120_000,
  throughput: { rounds: 1, warmupSeconds: 0.2, durationSeconds: 1 },
  growth: { instances: 8000, settleRounds: 1, listRounds: 3 },
  clientCpu: { rounds: 3, callsPerRound: 100, warmupCalls: 50 },
  generation: { rounds: 5, warmupRounds: 3 },
  conformance: { rounds: 1, timeoutMs: 60_000 },
  // Only this package, and none of its dependencies: see "Build" in the README for why a smoke
  // run inside `npm test` must not rewrite another package's dist while its tests read it.
  build: { filter: ['--filter=@enos-trigger/bench', '--only'], warmRuns: 1, timeoutMs: 60_000 },
};
