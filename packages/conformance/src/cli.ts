#!/usr/bin/env node
/**
 * The enos-trigger-conformance command. Exit 0: no check failed; 1: the server violates the
 * contract; 2: a usage or configuration error, with a message saying what to fix.
 */
import { runCli, UsageError } from '@enos-trigger/cli-kit';
import { HELP } from './config/help.js';
import { type RunOptions, runOptions } from './config/options.js';
import { ContractShapeError } from './contract/view.js';
import { runConformance } from './run/run.js';

async function main(options: RunOptions): Promise<number> {
  try {
    return await runConformance(options, process.stdout);
  } catch (error) {
    // A --contract the suite cannot read is a mistake in the flags, like any other.
    if (error instanceof ContractShapeError) throw new UsageError(error.message);
    throw error;
  }
}

runCli({
  program: 'enos-trigger-conformance',
  usage: HELP,
  parse: (argv) => runOptions(argv, process.env),
  main,
});
