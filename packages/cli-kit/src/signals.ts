/** How a long-running command (a server, a benchmark) ends on Ctrl-C or SIGTERM. */
import { EXIT } from './exit-codes.js';
import type { Output } from './run.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export interface StopSignals {
  /** Has a signal come (the command is stopping)? */
  readonly received: boolean;
}

/**
 * On the first SIGINT or SIGTERM, says so, runs `stop` and exits with the code it gives (1 if it
 * throws, with the reason). A second signal exits at once with 1: whoever sends it does not want
 * to wait for in-flight work. Register it only once the command has something to stop.
 */
export function stopOnSignals(
  program: string,
  /** What stopping does, for the message: "finishing in-flight requests". */
  doing: string,
  stop: () => Promise<number>,
  output: Pick<Output, 'stderr'> = process,
): StopSignals {
  const state = { received: false };
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.received) {
      output.stderr.write(`${program}: ${signal} again, stopping now.\n`);
      process.exit(EXIT.failure);
    }
    state.received = true;
    output.stderr.write(`${program}: ${signal}, ${doing}.\n`);
    stop().then(
      (code) => process.exit(code),
      (error: unknown) => {
        output.stderr.write(
          `${program}: could not stop cleanly: ${(error as Error)?.message ?? String(error)}\n`,
        );
        process.exit(EXIT.failure);
      },
    );
  };
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  return {
    get received() {
      return state.received;
    },
  };
}
