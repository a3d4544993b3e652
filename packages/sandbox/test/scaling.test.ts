/**
 * How settling and listing grow with the number of instances, measured against themselves in
 * the same run: the time at 4N over the time at N, in rounds that alternate the two sizes (so
 * that both see the same load of a shared machine), the median round counting. Linear or
 * n log n work gives about 4 to 6, a little more where the larger size falls out of the CPU's
 * caches; the quadratic settle this replaced gave 16 and more. The figures are printed.
 */
import { describe, expect, it } from 'vitest';
import { searchInstances } from '../src/instance-search.js';
import { statusCodes } from '../src/instance-view.js';
import { FlowRuns } from '../src/instances.js';
import type { FlowState } from '../src/state.js';

const N = 20_000;
const GROWTH = 4;
const ROUNDS = 5;
const RUN = 1000;
const T = Date.UTC(2024, 0, 1);
/** Below the 16 of quadratic growth, well above the 4 to 6 of linear growth. */
const MAX_RATIO = 12;

/** One workflow with `count` instances, all due, accepted while the first runs. */
function dueFlow(count: number): FlowRuns {
  const flow = new FlowRuns({ runMs: RUN, result: 'SUCCESS' });
  for (let n = 0; n < count; n++) flow.accept(`i${n}`, 1, T - (n % 977) * 60_000, T);
  return flow;
}

/** The ms `measured` takes on what `setUp(count)` makes (the set-up is not timed). */
function timed<T>(setUp: (count: number) => T, measured: (input: T) => void) {
  return (count: number) => {
    const input = setUp(count);
    const started = performance.now();
    measured(input);
    return performance.now() - started;
  };
}

/** The median, over alternating rounds, of the time at GROWTH × N over the time at N. */
function growth(name: string, at: (count: number) => number): number {
  at(N); // warm up the JIT
  const rounds = Array.from({ length: ROUNDS }, () => {
    const small = at(N);
    const large = at(GROWTH * N);
    return { small, large, ratio: large / small };
  }).sort((a, b) => a.ratio - b.ratio);
  const median = rounds[Math.floor(ROUNDS / 2)] as (typeof rounds)[number];
  console.log(
    `${name}: ${N} instances ${median.small.toFixed(1)} ms, ${GROWTH * N} instances ${median.large.toFixed(1)} ms, ratio ${median.ratio.toFixed(1)} (median of ${ROUNDS})`,
  );
  return median.ratio;
}

describe('scaling', () => {
  it('settling every instance after a clock advance grows about linearly', () => {
    const settle = timed(dueFlow, (flow) => flow.settle(T + 10 * GROWTH * N * RUN));
    expect(growth('settle', settle)).toBeLessThan(MAX_RATIO);
  });

  it('listing every instance, filtered, sorted and paged, grows about linearly', () => {
    const codes = statusCodes();
    const fixture = {
      flowId: 1,
      name: 'load',
      owner: 'u',
      hasTasks: true,
      locked: false,
      runMs: RUN,
      result: 'SUCCESS' as const,
    };
    const search = timed(
      (count) => {
        const runs = dueFlow(count);
        runs.settle(T + (count / 2) * RUN); // half finished, one running, the rest waiting
        return { flows: [{ fixture, runs }] as FlowState[], now: T + (count / 2) * RUN };
      },
      ({ flows, now }) => {
        const pagination = {
          pageNo: 2,
          pageSize: 10,
          sorters: [{ field: 'startTime' as const, order: 'DESC' as const }],
        };
        const found = searchInstances(flows, { expression: 'i', pagination }, now, codes);
        if (found.page.length !== 10) throw new Error('the search found too little');
      },
    );
    expect(growth('list', search)).toBeLessThan(MAX_RATIO);
  });
});
