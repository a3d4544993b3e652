#!/usr/bin/env node
/** enos-trigger-mock: the Prism mock, or the validation proxy, of the Trigger Flow contract. */
import { type Command, parseCommandLine, UsageError } from './cli-arguments.js';
import type { PrismServer } from './prism-process.js';
import { startMock, startProxy } from './start.js';
import { usage } from './usage.js';

const PROGRAM = 'enos-trigger-mock';

function fail(message: string, status: number): never {
  process.stderr.write(`${PROGRAM}: ${message}\n`);
  process.exit(status);
}

function start(command: Exclude<Command, { kind: 'help' }>): Promise<PrismServer> {
  const onLog = (line: string) => process.stderr.write(`${line}\n`);
  return command.kind === 'proxy'
    ? startProxy({ ...command, onLog })
    : startMock({ ...command, onLog });
}

async function main(): Promise<void> {
  let command: Command;
  try {
    command = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    fail(`${error.message}\nRun ${PROGRAM} --help for the usage.`, 2);
  }
  if (command.kind === 'help') {
    process.stdout.write(`${usage()}\n`);
    return;
  }

  // A signal may come while Prism is still starting: stop it as soon as it is up.
  const starting = start(command);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    starting.then(
      (server) => server.close().then(() => process.exit(0)),
      () => process.exit(0),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  let server: PrismServer;
  try {
    server = await starting;
  } catch (error) {
    if (stopping) return;
    fail((error as Error).message, 1);
  }
  process.stdout.write(`listening on ${server.url}\n`);
  const exit = await server.exited;
  if (stopping) return;
  const how = exit.signal ? `signal ${exit.signal}` : `exit status ${exit.code}`;
  fail(`Prism stopped by itself (${how}). Its last output:\n  ${exit.output.join('\n  ')}`, 1);
}

main().catch((error: unknown) => fail((error as Error).message, 1));
