#!/usr/bin/env node
/** `npm start`: serve the docs, the mock and the sandbox until Ctrl-C. */
import { banner } from './banner.js';
import { PORT_VARIABLES, portsFromEnv, StackPortError } from './ports.js';
import { startStack } from './stack.js';

const variables = Object.entries(PORT_VARIABLES)
  .map(
    ([service, { variable, fallback }]) =>
      `  ${variable.padEnd(13)} the ${service} (default ${fallback})`,
  )
  .join('\n');

const USAGE = `Usage: npm start   (or enos-trigger-stack)

Serves the API reference, the Prism mock and the sandbox on 127.0.0.1 until Ctrl-C.

Environment:
${variables}`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const stack = await startStack(portsFromEnv(process.env));
  console.log(banner(stack));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  if (error instanceof StackPortError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(`The stack could not start: ${error.message}`);
  process.exit(1);
});
