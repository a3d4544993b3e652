#!/usr/bin/env node
/**
 * The enos-trigger-conformance command. Exit 0: no check failed; 1: the server violates the
 * contract; 2: a usage or configuration error, with a message saying what to fix.
 */
import { HELP } from './config/help.js';
import { parseCli } from './config/options.js';
import { UsageError } from './config/usage-error.js';
import { ContractShapeError } from './contract/view.js';
import { runConformance } from './run/run.js';

async function main(): Promise<number> {
  try {
    const cli = parseCli(process.argv.slice(2), process.env);
    if (cli.help) {
      process.stdout.write(HELP);
      return 0;
    }
    return await runConformance(cli.options, process.stdout);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ContractShapeError) {
      process.stderr.write(`enos-trigger-conformance: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `enos-trigger-conformance: unexpected error: ${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
