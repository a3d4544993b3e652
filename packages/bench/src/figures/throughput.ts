/**
 * Figure 1: throughput and p99 latency of the sandbox against the Prism mock and a bare
 * node:http server, all answering the same signed Trigger Flow request; and the sandbox on a
 * realistic mix (new triggers, reads, duplicates: see mix/plan.ts) against the bare server sent
 * the same mix. Every run of every server is interleaved in the same rounds, so each ratio
 * compares runs made minutes apart on the same machine.
 */
import { errorCatalog } from '@enos-trigger/spec';
import { catalogEntryOf, describeAnswer, describeCatalogAnswer, send } from '../answer.js';
import { TRIGGER_CODE_FIELD, TRIGGER_OPERATION } from '../contract.js';
import { type Figure, figure, median } from '../figure.js';
import { CONNECTIONS, type Load, load } from '../load.js';
import type { MixWorkload } from '../mix/workload.js';
import type { Profile } from '../profile.js';
import type { SignedRequest } from '../signed-request.js';
import { MixLoads } from './mix-loads.js';

export type ServerName = 'sandbox' | 'prism' | 'bare';

export type ServerUrls = Record<ServerName, string>;

/** What a run measures: a server on the single request, or the sandbox or bare server on the mix. */
type LoadName = ServerName | 'sandbox mix' | 'bare mix';

/** The sandbox first, so that its pace is known before the mix signs triggers for it. */
const LOADS: readonly LoadName[] = ['sandbox', 'prism', 'bare', 'sandbox mix', 'bare mix'];

/** The request is measured only where it is accepted: a 401 per request would prove nothing. */
async function checkAccepted(servers: ServerUrls, request: SignedRequest): Promise<void> {
  for (const [name, url] of Object.entries(servers)) {
    const answer = await send(url, request);
    if (answer.status !== 200 || answer.body?.[TRIGGER_CODE_FIELD] !== 0) {
      throw new Error(
        `${name} refused the benchmark's trigger request (${describeAnswer(answer, TRIGGER_CODE_FIELD)}); nothing was measured.`,
      );
    }
  }
}

/**
 * What the sandbox answers the repeats: the contract's duplicate-trigger error, reached after
 * authentication, request validation and the state checks.
 */
async function sandboxRepeatAnswer(url: string, request: SignedRequest): Promise<string> {
  const answer = await send(url, request);
  const entry = catalogEntryOf(answer, errorCatalog(TRIGGER_OPERATION), TRIGGER_CODE_FIELD);
  if (answer.status !== 200 || !entry) {
    throw new Error(
      `The sandbox answered a repeat with ${describeAnswer(answer, TRIGGER_CODE_FIELD)}: not a business error of the contract.`,
    );
  }
  return describeCatalogAnswer(entry, answer);
}

interface Summary extends Load {
  rounds: number[];
}

function summarize(runs: readonly Load[]): Summary {
  return {
    requestsPerSecond: median(runs.map((run) => run.requestsPerSecond)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    rounds: runs.map((run) => Math.round(run.requestsPerSecond)),
  };
}

export type ThroughputFigures = {
  sandbox_vs_prism: Figure;
  sandbox_vs_bare: Figure;
  sandbox_mix_vs_bare: Figure;
};

export async function measureThroughput(
  profile: Profile,
  servers: ServerUrls,
  request: SignedRequest,
  prepareMix: () => Promise<MixWorkload>,
  log: (line: string) => void,
): Promise<ThroughputFigures> {
  const { rounds, warmupSeconds, durationSeconds } = profile.throughput;
  await checkAccepted(servers, request);
  const mix = new MixLoads(await prepareMix(), servers, log);
  /** The sandbox's fastest run on the single request: how many triggers the mix signs at first. */
  let singlePace = 0;

  async function measure(name: LoadName, seconds: number): Promise<Load> {
    if (name === 'sandbox mix') return mix.sandbox(seconds, singlePace);
    if (name === 'bare mix') return mix.bare(seconds);
    const measured = await load(servers[name], { one: request }, seconds);
    if (name === 'sandbox') singlePace = Math.max(singlePace, measured.requestsPerSecond);
    return measured;
  }

  // Once per load: each server's process stays up between rounds, so its JIT stays warm.
  for (const name of LOADS) await measure(name, warmupSeconds);
  const runs = Object.fromEntries(LOADS.map((name) => [name, [] as Load[]])) as Record<
    LoadName,
    Load[]
  >;
  for (let round = 0; round < rounds; round++) {
    // Each round starts with another load, so no server always runs on a warmer machine.
    const order = LOADS.map((_, index) => LOADS[(index + round) % LOADS.length] as LoadName);
    for (const name of order) {
      const measured = await measure(name, durationSeconds);
      runs[name].push(measured);
      log(
        `  throughput round ${round + 1}/${rounds} ${name}: ${Math.round(measured.requestsPerSecond)} req/s, p99 ${measured.p99Ms} ms`,
      );
    }
  }
  const repeatAnswer = await sandboxRepeatAnswer(servers.sandbox, request);
  const summary = Object.fromEntries(LOADS.map((name) => [name, summarize(runs[name])])) as Record<
    LoadName,
    Summary
  >;
  for (const name of LOADS) {
    if (summary[name].requestsPerSecond === 0) throw new Error(`${name} answered no 2xx at all.`);
  }
  const p99 = Object.fromEntries(LOADS.map((name) => [name, summary[name].p99Ms])) as Record<
    LoadName,
    number
  >;
  const single = {
    unit: 'req/s',
    valueLabel: 'sandbox',
    detail: {
      p99Ms: { sandbox: p99.sandbox, prism: p99.prism, bare: p99.bare },
      perServer: { sandbox: summary.sandbox, prism: summary.prism, bare: summary.bare },
      connections: CONNECTIONS,
      secondsPerRun: durationSeconds,
      rounds,
      sandboxRepeatAnswer: repeatAnswer,
    },
    note: `p99 latency: sandbox ${p99.sandbox} ms, Prism ${p99.prism} ms, bare ${p99.bare} ms. One request, signed once, went to every server; the first trigger succeeded everywhere, then the sandbox answers every repeat with ${repeatAnswer}: the same minute's duplicate, reached after authentication, validation and the state checks (no option makes a repeat of the same signed bytes succeed). Prism and the bare server answer the success every time.`,
  };
  return {
    sandbox_vs_prism: figure({
      ...single,
      value: summary.sandbox.requestsPerSecond,
      baseline: summary.prism.requestsPerSecond,
      baselineLabel: 'Prism mock',
      goal: { on: 'ratio', atLeast: 10 },
    }),
    sandbox_vs_bare: figure({
      ...single,
      value: summary.sandbox.requestsPerSecond,
      baseline: summary.bare.requestsPerSecond,
      baselineLabel: 'bare node:http',
      // Issue #12: the sandbox must not be what slows a test suite down.
      goal: { on: 'ratio', atLeast: 0.6 },
    }),
    sandbox_mix_vs_bare: mix.figure({
      sandbox: summary['sandbox mix'],
      bare: summary['bare mix'],
      bareSingle: summary.bare,
      secondsPerRun: durationSeconds,
      rounds,
    }),
  };
}
