#!/usr/bin/env node
/**
 * enos-trigger-bench: run the benchmarks, print the table, write the JSON. The whole run has a
 * deadline; past it, or on SIGINT/SIGTERM, every server still running is stopped by its pid.
 */
import { join, resolve } from 'node:path';
import { parseCliArgs, USAGE, UsageError } from './cli-options.js';
import { stopEverything } from './processes.js';
import { fullProfile, quickProfile } from './profile.js';
import { repoRoot } from './workspace.js';

async function main(): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`enos-trigger-bench: ${error.message}\nRun enos-trigger-bench --help.`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  // Loaded only now, so that --help and usage errors answer at once. Everything the run needs
  // is loaded here, before the build figure rewrites this package's dist/.
  const { allMeasured, runBench } = await import('./run.js');
  const { renderReport, writeResult } = await import('./report.js');
  const profile = options.quick ? quickProfile : fullProfile;
  const out = options.out ? resolve(options.out) : join(repoRoot(), 'bench-results', 'latest.json');
  const deadline = setTimeout(() => {
    console.error(
      `enos-trigger-bench: the run took over ${profile.deadlineMs / 1000} s; stopping its servers.`,
    );
    void stopEverything().finally(() => process.exit(1));
  }, profile.deadlineMs);
  deadline.unref();
  const result = await runBench({
    profile,
    groups: options.groups,
    log: (line) => console.error(line),
  });
  clearTimeout(deadline);
  console.log(renderReport(result));
  writeResult(out, result);
  console.log(`\nResults written to ${out}`);
  return allMeasured(result) ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`enos-trigger-bench: ${signal}, stopping its servers.`);
    void stopEverything().finally(() => process.exit(1));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    console.error('enos-trigger-bench: unexpected failure:', error);
    await stopEverything();
    process.exitCode = 1;
  },
);
