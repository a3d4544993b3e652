#!/usr/bin/env node
/**
 * enos-trigger-bench: run the benchmarks, print the table, write the JSON. The whole run has a
 * deadline; past it, or on SIGINT/SIGTERM, every server still running is stopped by its pid.
 */
import { join, resolve } from 'node:path';
import { EXIT, runCli, stopOnSignals } from '@enos-trigger/cli-kit';
import { type CliOptions, parseCliArgs, USAGE } from './cli-options.js';
import { stopEverything } from './processes.js';
import { fullProfile, quickProfile } from './profile.js';
import { repoRoot } from './workspace.js';

const PROGRAM = 'enos-trigger-bench';

async function main(options: CliOptions): Promise<number> {
  // An interrupted run measured nothing worth keeping: it fails, once its servers are stopped.
  stopOnSignals(PROGRAM, 'stopping its servers', async () => {
    await stopEverything();
    return EXIT.failure;
  });
  // Loaded only now, so that --help and usage errors answer at once. Everything the run needs
  // is loaded here, before the build figure rewrites this package's dist/.
  const { allMeasured, runBench } = await import('./run.js');
  const { renderReport, writeResult } = await import('./report.js');
  const profile = options.quick ? quickProfile : fullProfile;
  const out = options.out ? resolve(options.out) : join(repoRoot(), 'bench-results', 'latest.json');
  const deadline = setTimeout(() => {
    console.error(
      `${PROGRAM}: the run took over ${profile.deadlineMs / 1000} s; stopping its servers.`,
    );
    void stopEverything().finally(() => process.exit(EXIT.failure));
  }, profile.deadlineMs);
  deadline.unref();
  try {
    const result = await runBench({
      profile,
      groups: options.groups,
      log: (line) => console.error(line),
    });
    console.log(renderReport(result));
    writeResult(out, result);
    console.log(`\nResults written to ${out}`);
    return allMeasured(result) ? EXIT.ok : EXIT.failure;
  } catch (error) {
    // cli-kit reports it as a bug; no server of the run outlives it.
    await stopEverything();
    throw error;
  } finally {
    clearTimeout(deadline);
  }
}

runCli({ program: PROGRAM, usage: USAGE, parse: parseCliArgs, main });
