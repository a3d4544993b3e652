/**
 * The growth figures: how the sandbox's work on many instances grows with their number, each
 * count against an eighth of it in the same run (see growth/rounds.ts for the goal).
 *
 * - `sandbox_settle_growth`: settling. Two sandboxes on manual clocks hold N/8 and N waiting
 *   instances of one workflow; each clock moves past the end of the last one; a read of one
 *   instance then settles them all (the sandbox settles lazily, on the first call after the
 *   clock moved), and that read is timed. Each round fills both sandboxes afresh.
 * - `sandbox_list_growth`: listing. The two sandboxes hold N/8 and N instances, half of them
 *   finished, one running, the rest waiting; a List Flow Instances that every instance matches,
 *   sorted and cut to its second page, is timed again and again.
 *
 * Two sandbox processes rather than one, so that each count is measured in a process holding
 * only its own instances; both get the same requests from the same code.
 */

import { LIST_FIELDS } from '../contract.js';
import { type FigureOutcome, median } from '../figure.js';
import {
  ALL_STATUS_CODES,
  type Filled,
  type InstancesSandbox,
  RUN_MS,
  UNFINISHED_STATUS_CODES,
} from '../growth/instances-sandbox.js';
import { examplePageSize } from '../growth/list-request.js';
import {
  GROWTH_FACTOR,
  type GrowthRound,
  growthFigure,
  growthOf,
  roundOrder,
  SIZES,
  type Size,
} from '../growth/rounds.js';
import type { Profile } from '../profile.js';
import type { SignedRequest } from '../signed-request.js';

export type GrowthSandboxes = Readonly<Record<Size, InstancesSandbox>>;

type Counts = Record<Size, number>;

function countsOf(profile: Profile): Counts {
  const large = profile.growth.instances;
  return { small: large / GROWTH_FACTOR, large };
}

const formatted = (count: number) => count.toLocaleString('en-US');

function perRound(rounds: readonly GrowthRound[]): string {
  return rounds.map((round) => `${growthOf(round).toFixed(1)}×`).join(', ');
}

async function bothFilled(sandboxes: GrowthSandboxes, counts: Counts) {
  const filled = {} as Record<Size, Filled>;
  for (const size of SIZES) {
    await sandboxes[size].reset();
    filled[size] = await sandboxes[size].fill(counts[size]);
  }
  return filled;
}

interface SettleRound extends GrowthRound {
  /** The same read sent again at once, with nothing left to settle, ms. */
  again: Record<Size, number>;
}

/** Fill both, move both clocks past the last instance's end, time the read that settles them. */
async function settleRound(sandboxes: GrowthSandboxes, counts: Counts, round: number) {
  const filled = await bothFilled(sandboxes, counts);
  const reads = {} as Record<Size, SignedRequest>;
  for (const size of SIZES) {
    await sandboxes[size].advance((counts[size] + 1) * RUN_MS);
    reads[size] = await sandboxes[size].signedRead(filled[size].firstId);
  }
  const measured = {} as SettleRound;
  measured.again = {} as Record<Size, number>;
  for (const size of roundOrder(round)) {
    const what = `The read that settles ${formatted(counts[size])} instances`;
    measured[size] = (await sandboxes[size].timedRead(reads[size], what)).ms;
  }
  for (const size of SIZES) {
    const what = `A read with nothing left to settle`;
    measured.again[size] = (await sandboxes[size].timedRead(reads[size], what)).ms;
    const { from, to } = filled[size];
    const unfinished = await sandboxes[size].count({
      from,
      to,
      statusCodes: UNFINISHED_STATUS_CODES,
      pageNo: 1,
    });
    if (unfinished !== 0) {
      throw new Error(
        `${unfinished} of ${formatted(counts[size])} instances were still unfinished after the clock moved past the last one's end and a read settled them: the figure timed something else. Check the sandbox's settling (FlowRuns.settle).`,
      );
    }
  }
  return measured;
}

export async function measureSettleGrowth(
  profile: Profile,
  sandboxes: GrowthSandboxes,
  log: (line: string) => void,
): Promise<FigureOutcome> {
  const counts = countsOf(profile);
  const { settleRounds } = profile.growth;
  // Unrecorded, at the small count in both: each process's settling warms up its JIT.
  await settleRound(sandboxes, { small: counts.small, large: counts.small }, 0);
  const rounds: SettleRound[] = [];
  for (let round = 0; round < settleRounds; round++) {
    const measured = await settleRound(sandboxes, counts, round);
    rounds.push(measured);
    log(
      `  settle round ${round + 1}/${settleRounds}: ${formatted(counts.small)} in ${measured.small.toFixed(1)} ms, ${formatted(counts.large)} in ${measured.large.toFixed(1)} ms (${growthOf(measured).toFixed(1)}×)`,
    );
  }
  const again = {
    small: median(rounds.map((round) => round.again.small)),
    large: median(rounds.map((round) => round.again.large)),
  };
  return growthFigure({
    rounds: rounds.map(({ small, large }) => ({ small, large })),
    counts,
    timed: 'the read of one instance that settles every instance of its workflow',
    detail: { runMs: RUN_MS, readWithNothingToSettleMs: again },
    note: `Settling: ${formatted(counts.small)} and ${formatted(counts.large)} waiting instances of one workflow (one trigger a minute, shuffled), the sandbox's clock moved past the last one's end, then the read of one instance, which settles them all, timed from the caller; median of ${settleRounds} rounds alternating which count goes first, each filling both sandboxes afresh (growth per round ${perRound(rounds)}). The same read sent again, nothing left to settle, took ${again.small.toFixed(1)} and ${again.large.toFixed(1)} ms: the request's own cost, in both times. Checked: each sandbox held exactly its instances, and none was unfinished after the read.`,
  });
}

export async function measureListGrowth(
  profile: Profile,
  sandboxes: GrowthSandboxes,
  log: (line: string) => void,
): Promise<FigureOutcome> {
  const counts = countsOf(profile);
  const { listRounds } = profile.growth;
  const pageSize = examplePageSize();
  const filled = await bothFilled(sandboxes, counts);
  const lists = {} as Record<Size, SignedRequest>;
  for (const size of SIZES) {
    // Half of them finished, one running, the rest waiting: every status a list sorts through.
    await sandboxes[size].advance((counts[size] / 2) * RUN_MS);
    const { from, to } = filled[size];
    lists[size] = await sandboxes[size].signedList({
      from,
      to,
      statusCodes: ALL_STATUS_CODES,
      pageNo: 2,
    });
    // Unrecorded: settles the half, warms up the JIT, and checks that every instance matched.
    const { answer } = await sandboxes[size].timedList(lists[size], 'The first list');
    const data = answer.body?.data as Record<string, unknown> | undefined;
    const page = data?.[LIST_FIELDS.page];
    if (
      data?.[LIST_FIELDS.count] !== counts[size] ||
      !Array.isArray(page) ||
      page.length !== pageSize
    ) {
      throw new Error(
        `A list of every instance answered ${String(data?.[LIST_FIELDS.count])} matches and a page of ${Array.isArray(page) ? page.length : 'none'}, not ${counts[size]} and ${pageSize}: the figure would time a smaller search. Check the contract's List example against the sandbox's search.`,
      );
    }
  }
  const rounds: GrowthRound[] = [];
  for (let round = 0; round < listRounds; round++) {
    const measured = {} as GrowthRound;
    for (const size of roundOrder(round)) {
      const what = `The list of ${formatted(counts[size])} instances`;
      measured[size] = (await sandboxes[size].timedList(lists[size], what)).ms;
    }
    rounds.push(measured);
  }
  log(`  list rounds: ${perRound(rounds)}`);
  return growthFigure({
    rounds,
    counts,
    timed: 'one List Flow Instances call that every instance matches, sorted, second page',
    detail: { pageSize },
    note: `Listing: ${formatted(counts.small)} and ${formatted(counts.large)} instances of one workflow (half finished, one running, the rest waiting; trigger times shuffled), one List Flow Instances call with the contract's example body widened so that every instance matches (each filter applied, all sorted, page 2 of ${pageSize} cut), timed from the caller; median of ${listRounds} rounds alternating which count goes first (growth per round ${perRound(rounds)}). Checked: each answer counted every instance and gave a full page.`,
  });
}

/** Both figures; one that fails leaves the other measured. */
export async function measureGrowth(
  profile: Profile,
  sandboxes: GrowthSandboxes,
  log: (line: string) => void,
): Promise<{ sandbox_settle_growth: FigureOutcome; sandbox_list_growth: FigureOutcome }> {
  const failed = (key: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log(`  ${key} could not be measured: ${message}`);
    return { error: message };
  };
  const settle = await measureSettleGrowth(profile, sandboxes, log).catch(
    failed('sandbox_settle_growth'),
  );
  const list = await measureListGrowth(profile, sandboxes, log).catch(
    failed('sandbox_list_growth'),
  );
  return { sandbox_settle_growth: settle, sandbox_list_growth: list };
}
