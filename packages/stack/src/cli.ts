#!/usr/bin/env node
/** `npm start`: serve the docs, the mock and the sandbox until Ctrl-C. */
import {
  CommandFailure,
  EXIT,
  parseArguments,
  runCli,
  stopOnSignals,
  UsageError,
} from '@enos-trigger/cli-kit';
import { banner } from './banner.js';
import { PORT_VARIABLES, portsFromEnv, StackPortError, type StackPorts } from './ports.js';
import { startStack } from './stack.js';

const PROGRAM = 'enos-trigger-stack';

const variables = Object.entries(PORT_VARIABLES)
  .map(
    ([service, { variable, fallback }]) =>
      `  ${variable.padEnd(13)} the ${service} (default ${fallback})`,
  )
  .join('\n');

const USAGE = `Usage: npm start   (or ${PROGRAM})

Serves the API reference, the Prism mock and the sandbox on 127.0.0.1 until Ctrl-C.

Environment:
${variables}

Exit codes: 0 stopped by a signal, 1 could not start (a port in use), 2 wrong usage (an
argument, or a port variable that is not a port).`;

/** The stack takes no arguments: its settings are the port variables. */
function parse(argv: string[]): StackPorts {
  parseArguments({ args: argv, options: {}, allowPositionals: false });
  try {
    return portsFromEnv(process.env);
  } catch (error) {
    if (error instanceof StackPortError) throw new UsageError(error.message);
    throw error;
  }
}

async function main(ports: StackPorts): Promise<undefined> {
  let stack: Awaited<ReturnType<typeof startStack>>;
  try {
    stack = await startStack(ports);
  } catch (error) {
    // Every start failure (a port in use, a part that does not start) is told, not thrown.
    if (!(error instanceof Error)) throw error;
    throw new CommandFailure(`The stack could not start: ${error.message}`);
  }
  stopOnSignals(PROGRAM, 'stopping the docs, the mock and the sandbox', async () => {
    await stack.close();
    return EXIT.ok;
  });
  console.log(banner(stack));
  return undefined;
}

runCli({ program: PROGRAM, usage: USAGE, parse, main });
