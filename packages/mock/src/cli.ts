#!/usr/bin/env node
/** enos-trigger-mock: the Prism mock, or the validation proxy, of the Trigger Flow contract. */
import { CommandFailure, EXIT, runCli, stopOnSignals } from '@enos-trigger/cli-kit';
import { type Command, parseCommandLine } from './cli-arguments.js';
import type { PrismServer } from './prism-process.js';
import { startMock, startProxy } from './start.js';
import { usage } from './usage.js';

const PROGRAM = 'enos-trigger-mock';

function start(command: Command): Promise<PrismServer> {
  const onLog = (line: string) => process.stderr.write(`${line}\n`);
  return command.kind === 'proxy'
    ? startProxy({ ...command, onLog })
    : startMock({ ...command, onLog });
}

async function main(command: Command): Promise<undefined> {
  // A signal may come while Prism is still starting: stop it as soon as it is up.
  const starting = start(command);
  const signals = stopOnSignals(PROGRAM, 'stopping Prism', async () => {
    const server = await starting.catch(() => undefined);
    await server?.close();
    return EXIT.ok;
  });

  let server: PrismServer;
  try {
    server = await starting;
  } catch (error) {
    // Stopped before it was up: the signal handler exits.
    if (signals.received) return undefined;
    // Every start failure (port in use, Prism that does not start) is told, not thrown.
    if (!(error instanceof Error)) throw error;
    throw new CommandFailure(error.message);
  }
  process.stdout.write(`listening on ${server.url}\n`);
  const exit = await server.exited;
  if (signals.received) return undefined;
  const how = exit.signal ? `signal ${exit.signal}` : `exit status ${exit.code}`;
  throw new CommandFailure(
    `Prism stopped by itself (${how}). Its last output:\n  ${exit.output.join('\n  ')}`,
  );
}

runCli({ program: PROGRAM, usage, parse: parseCommandLine, main });
