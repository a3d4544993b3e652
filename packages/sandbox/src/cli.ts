#!/usr/bin/env node
/** enos-trigger-sandbox: run a sandbox until SIGINT or SIGTERM. */
import { CommandFailure, EXIT, runCli, stopOnSignals } from '@enos-trigger/cli-kit';
import { type CliOptions, parseCliArgs, USAGE } from './cli-options.js';
import { manualClock } from './clock.js';
import { loadFixturesFile } from './fixtures-file.js';
import { startSandbox } from './sandbox.js';

const PROGRAM = 'enos-trigger-sandbox';

async function main(options: CliOptions): Promise<undefined> {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      host: options.host,
      port: options.port,
      fixtures: options.fixtures === undefined ? undefined : loadFixturesFile(options.fixtures),
      clock: options.clock === 'manual' ? manualClock(options.clockStart) : 'system',
      timeZone: options.timeZone,
      bodyLimit: options.bodyLimit,
      timestampWindowMs: options.timestampWindowMs,
      log: options.logRequests ? (line) => console.log(line) : undefined,
      allowedHosts: options.allowedHosts,
    });
  } catch (error) {
    // Every start failure (bad fixtures file, port in use, bad option) is told, not thrown.
    if (!(error instanceof Error)) throw error;
    throw new CommandFailure(error.message);
  }
  stopOnSignals(PROGRAM, 'finishing in-flight requests', async () => {
    await sandbox.close();
    return EXIT.ok;
  });
  // Only now: whoever waits for this line may signal at once, and must find the handlers there.
  console.log(`listening on ${sandbox.url}`);
  return undefined;
}

runCli({ program: PROGRAM, usage: USAGE, parse: parseCliArgs, main });
