/**
 * One benchmark run: each figure group in turn, every server it needs started for it and
 * stopped by pid after it. A group that fails records its error under its keys and the run
 * goes on, so one broken package does not hide the other figures.
 */
import { type FigureOutcome, isFailed } from './figure.js';
import { measureBuild } from './figures/build.js';
import { measureBundleSize } from './figures/bundle-size.js';
import { measureClientCpu } from './figures/client-cpu.js';
import { measureConformance } from './figures/conformance.js';
import { measureGeneration } from './figures/generation.js';
import { measureGrowth } from './figures/growth.js';
import { measureThroughput } from './figures/throughput.js';
import { FIGURE_GROUPS, type FigureKey, type GroupName } from './groups.js';
import { InstancesSandbox } from './growth/instances-sandbox.js';
import { describeMachine, type Machine } from './machine.js';
import { MixWorkload } from './mix/workload.js';
import { processesStarted, type RunningServer, type StartedProcess } from './processes.js';
import type { Profile } from './profile.js';
import {
  startBareServer,
  startManualClockSandbox,
  startPrismMock,
  startSandboxServer,
} from './servers/start.js';
import { sandboxCredentials, sandboxSigningKey, signedTriggerRequest } from './trigger-request.js';

export interface BenchRun {
  mode: Profile['mode'];
  startedAt: string;
  seconds: number;
  machine: Machine;
  groups: GroupName[];
  /** Every process the run started (servers, commands timed): all stopped when it ends. */
  processes: StartedProcess[];
}

export type BenchResult = { run: BenchRun } & Partial<Record<FigureKey, FigureOutcome>>;

export interface BenchOptions {
  profile: Profile;
  groups: readonly GroupName[];
  log: (line: string) => void;
}

/** Start the servers (at once: their start-up is not measured), measure, stop them all. */
async function withServers<T>(
  starters: (() => Promise<RunningServer>)[],
  measure: (urls: string[]) => Promise<T>,
): Promise<T> {
  const starts = await Promise.allSettled(starters.map((start) => start()));
  const started = starts.flatMap((start) => (start.status === 'fulfilled' ? [start.value] : []));
  try {
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed) throw failed.reason;
    return await measure(started.map((server) => server.url));
  } finally {
    await Promise.allSettled(started.map((server) => server.stop()));
  }
}

function throughput({ profile, log }: BenchOptions) {
  return withServers(
    [startBareServer, startSandboxServer, startPrismMock],
    async ([bare, sandbox, prism]) => {
      const urls = { bare, sandbox, prism } as Record<'bare' | 'sandbox' | 'prism', string>;
      const key = await sandboxSigningKey(urls.sandbox);
      const request = await signedTriggerRequest(key);
      const prepareMix = () => MixWorkload.prepare(urls.sandbox, key);
      return measureThroughput(profile, urls, request, prepareMix, log);
    },
  );
}

function growth({ profile, log }: BenchOptions) {
  return withServers([startManualClockSandbox, startManualClockSandbox], ([small, large]) =>
    measureGrowth(
      profile,
      {
        small: new InstancesSandbox(small as string),
        large: new InstancesSandbox(large as string),
      },
      log,
    ),
  );
}

function clientCpu({ profile, log }: BenchOptions) {
  return withServers([startBareServer], ([bare]) =>
    measureClientCpu(profile, bare as string, sandboxCredentials(), log),
  );
}

const MEASURES: Record<
  GroupName,
  (options: BenchOptions) => Promise<Partial<Record<FigureKey, FigureOutcome>>>
> = {
  throughput,
  growth,
  'client-cpu': clientCpu,
  'bundle-size': () => measureBundleSize(),
  generation: ({ profile }) => measureGeneration(profile),
  conformance: ({ profile, log }) => measureConformance(profile, sandboxCredentials(), log),
  build: ({ profile, log }) => measureBuild(profile, log),
};

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const started = performance.now();
  const run: BenchRun = {
    mode: options.profile.mode,
    startedAt: new Date().toISOString(),
    seconds: 0,
    machine: describeMachine(),
    groups: [...options.groups],
    processes: [],
  };
  const result: BenchResult = { run };
  for (const group of options.groups) {
    const groupStarted = performance.now();
    options.log(`${group}…`);
    try {
      Object.assign(result, await MEASURES[group](options));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      for (const key of FIGURE_GROUPS[group]) result[key] = { error: message };
      options.log(`  ${group} could not be measured: ${message}`);
    }
    options.log(`  (${((performance.now() - groupStarted) / 1000).toFixed(1)} s)`);
  }
  run.processes = [...processesStarted()];
  run.seconds = Math.round((performance.now() - started) / 100) / 10;
  return result;
}

/** Whether every figure asked for was measured (goals met or not). */
export function allMeasured(result: BenchResult): boolean {
  return result.run.groups
    .flatMap((group) => FIGURE_GROUPS[group])
    .every((key) => result[key] !== undefined && !isFailed(result[key]));
}
