#!/usr/bin/env node
/**
 * The enos-trigger-signing-proxy command: serves until SIGINT or SIGTERM, then lets calls in
 * flight finish and exits 0. Exit 1: it could not start (a port in use); 2: wrong usage.
 */
import { CommandFailure, runCli, stopOnSignals } from '@enos-trigger/cli-kit';
import { PROXY_HELP } from './help.js';
import { type ProxyCliOptions, proxyOptions } from './options.js';
import { startSigningProxy } from './server.js';

const PROGRAM = 'enos-trigger-signing-proxy';

async function main(options: ProxyCliOptions): Promise<undefined> {
  let proxy: Awaited<ReturnType<typeof startSigningProxy>>;
  try {
    proxy = await startSigningProxy({
      ...options,
      log: (line) => process.stderr.write(`${PROGRAM}: ${line}\n`),
    });
  } catch (error) {
    throw new CommandFailure((error as Error).message);
  }
  stopOnSignals(PROGRAM, 'finishing calls in flight', async () => {
    await proxy.close();
    return 0;
  });
  process.stdout.write(`listening on ${proxy.url}\n`);
  return undefined;
}

runCli({
  program: PROGRAM,
  usage: PROXY_HELP,
  parse: (argv) => proxyOptions(argv, process.env),
  main,
});
