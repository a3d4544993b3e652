#!/usr/bin/env node
import { parseCliArgs, USAGE, UsageError } from './cli-options.js';
/** enos-trigger-sandbox: run a sandbox until SIGINT or SIGTERM. */
import { manualClock } from './clock.js';
import { loadFixturesFile } from './fixtures-file.js';
import { startSandbox } from './sandbox.js';

async function main(): Promise<number | undefined> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`enos-trigger-sandbox: ${error.message}\nRun enos-trigger-sandbox --help.`);
    return 2;
  }
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  try {
    sandbox = await startSandbox({
      host: options.host,
      port: options.port,
      fixtures: options.fixtures === undefined ? undefined : loadFixturesFile(options.fixtures),
      clock: options.clock === 'manual' ? manualClock(options.clockStart) : 'system',
      bodyLimit: options.bodyLimit,
      timestampWindowMs: options.timestampWindowMs,
      log: options.logRequests ? (line) => console.log(line) : undefined,
      allowedHosts: options.allowedHosts,
    });
  } catch (error) {
    // Every start failure (bad fixtures file, port in use, bad option) is told, not thrown.
    if (!(error instanceof Error)) throw error;
    console.error(`enos-trigger-sandbox: ${error.message}`);
    return 1;
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`enos-trigger-sandbox: ${signal} again, stopping now.`);
      process.exit(1);
    }
    stopping = true;
    console.error(`enos-trigger-sandbox: ${signal}, finishing in-flight requests.`);
    sandbox.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`enos-trigger-sandbox: could not close cleanly: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Only now: whoever waits for this line may signal at once, and must find the handlers there.
  console.log(`listening on ${sandbox.url}`);
  return undefined;
}

main().then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (error: unknown) => {
    console.error('enos-trigger-sandbox: unexpected failure:', error);
    process.exitCode = 1;
  },
);
