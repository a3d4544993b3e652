/**
 * The mix's side of the throughput figure: runs of the sandbox and of the bare server on the
 * realistic mix (see mix/plan.ts), each sandbox run signed for just before and checked just
 * after, and the figure `sandbox_mix_vs_bare` made of their medians.
 */
import { readRoute } from '../contract.js';
import { type Figure, figure } from '../figure.js';
import { CONNECTIONS, type Load, load } from '../load.js';
import { describeMix, MIX_KINDS, type MixKind, mixPattern } from '../mix/plan.js';
import { type MixWorkload, READ_POOL } from '../mix/workload.js';

/**
 * New triggers signed for a sandbox run: for this many times the requests the sandbox's fastest
 * run so far would ask for. A run that asks for more is not measured: it is run again, with
 * RETRY_MARGIN times what it asked for, up to ATTEMPTS runs in all; then it fails (see
 * MixWorkload.verify).
 */
const TRIGGER_MARGIN = 2;
const RETRY_MARGIN = 4;
const ATTEMPTS = 3;
/** The pace assumed before any sandbox run was measured, requests per second. */
const PACE_FLOOR = 2000;

export interface MixSummary {
  sandbox: Load;
  bare: Load;
  /** The bare server's median on the single request, for the note. */
  bareSingle: Load;
  secondsPerRun: number;
  rounds: number;
}

export class MixLoads {
  private readonly handedOut: Record<MixKind, number> = { trigger: 0, read: 0, duplicate: 0 };
  private readonly checks: string[] = [];
  /** The fastest sandbox run on the mix so far, requests per second. */
  private pace = 0;

  constructor(
    private readonly mix: MixWorkload,
    private readonly urls: { sandbox: string; bare: string },
    private readonly log: (line: string) => void,
  ) {}

  /** One run of the sandbox; `singlePace` (its fastest on the single request) until it has a pace of its own. */
  async sandbox(seconds: number, singlePace: number): Promise<Load> {
    let expected = (this.pace || singlePace || PACE_FLOOR) * seconds * TRIGGER_MARGIN;
    for (let attempt = 1; ; attempt += 1) {
      const run = await this.mix.sandboxRun(expected);
      const measured = await load(this.urls.sandbox, { mix: run.source }, seconds);
      if (run.source.exhausted > 0 && attempt < ATTEMPTS) {
        this.log(
          `  the sandbox outran the ${run.triggers?.requests.length} new triggers signed for its run: once more`,
        );
        const asked = MIX_KINDS.reduce((sum, kind) => sum + run.source.counts[kind], 0);
        expected = RETRY_MARGIN * (asked + run.source.exhausted);
        continue;
      }
      this.checks.push(await this.mix.verify(run, CONNECTIONS));
      if (measured.non2xx > 0 || measured.errors > 0) {
        throw new Error(
          `The sandbox answered ${measured.non2xx} requests of the mix with a status other than 2xx, and ${measured.errors} failed: the mix is signed to be accepted; check the sandbox alone.`,
        );
      }
      for (const kind of MIX_KINDS) this.handedOut[kind] += run.source.counts[kind];
      this.pace = Math.max(this.pace, measured.requestsPerSecond);
      return measured;
    }
  }

  /** One run of the bare server: the same kinds of request, in the same order and sizes. */
  bare(seconds: number): Promise<Load> {
    return load(this.urls.bare, { mix: this.mix.bareRun().source }, seconds);
  }

  figure(summary: MixSummary): Figure {
    const { mix, handedOut } = this;
    const { sandbox, bare, bareSingle } = summary;
    const total = MIX_KINDS.reduce((sum, kind) => sum + handedOut[kind], 0);
    const shares = MIX_KINDS.map((kind) =>
      (total === 0 ? 0 : (handedOut[kind] / total) * 100).toFixed(1),
    ).join('/');
    const againstBareSingle = sandbox.requestsPerSecond / bareSingle.requestsPerSecond;
    const pattern = mixPattern(mix.weights);
    return figure({
      value: sandbox.requestsPerSecond,
      baseline: bare.requestsPerSecond,
      unit: 'req/s',
      valueLabel: 'sandbox, mix',
      baselineLabel: 'bare node:http, same mix',
      // Its own goal, on the line of issue #12's: the sandbox must not be what slows a test
      // suite down, and a suite sends this kind of traffic, not one duplicate.
      goal: { on: 'ratio', atLeast: 0.6 },
      detail: {
        mix: describeMix(mix.weights),
        pattern,
        handedOut,
        flows: mix.flows(),
        instancesMadeBeforeMeasuring: READ_POOL,
        readPath: readRoute.pathKey,
        duplicateAnswer: mix.duplicateAnswer,
        checks: this.checks,
        p99Ms: { sandbox: sandbox.p99Ms, bare: bare.p99Ms },
        perServer: { sandbox, bare },
        againstBareSingleRequest: againstBareSingle,
        connections: CONNECTIONS,
        secondsPerRun: summary.secondsPerRun,
        rounds: summary.rounds,
      },
      note: `Mix ${describeMix(mix.weights)}, in the order ${pattern.join(', ')}: triggers of new instances (flows ${mix.flows().join(', ')}, each a minute further back: a backfill), reads (${readRoute.method} ${readRoute.pathKey}) of the ${READ_POOL} instances made before measuring, and repeats of their triggers, answered ${mix.duplicateAnswer}. Handed out: ${shares} % of ${total.toLocaleString('en-US')} requests to the sandbox. p99 latency: sandbox ${sandbox.p99Ms} ms, bare ${bare.p99Ms} ms. The bare server got the same kinds of request in the same order from the same code; against the bare server on the single request the sandbox's mix is ${againstBareSingle.toFixed(2)}×. After each run, ${this.checks.at(-1) ?? 'nothing was checked'}.`,
    });
  }
}
