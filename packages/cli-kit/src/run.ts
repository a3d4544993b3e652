/**
 * The scaffolding of every enos-trigger command: --help, then read the command line, then run;
 * a usage error is told with a pointer to --help (exit 2), a failure the command explains is
 * told alone (exit 1), anything else is a bug, told with its stack trace (exit 1).
 */
import { asksForHelp } from './arguments.js';
import { CommandFailure, UsageError } from './errors.js';
import { EXIT } from './exit-codes.js';

export interface Command<T> {
  /** The command's name, as its user types it: every message starts with it. */
  program: string;
  /** The text of --help (a function when it takes work to build). */
  usage: string | (() => string);
  /** Reads the command line (without --help, which is answered before) or throws a UsageError. */
  parse(argv: string[]): T;
  /**
   * Runs the command and gives its exit code; `undefined` for a server that keeps running
   * until a signal stops it (see `stopOnSignals`).
   */
  main(options: T): Promise<number | undefined> | number | undefined;
}

/** Where a command writes: the process's streams, or a test's. */
export interface Output {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/** Runs `command` on `argv` and gives the exit code (`undefined`: still serving). */
export async function runCommand<T>(
  command: Command<T>,
  argv: string[],
  output: Output = process,
): Promise<number | undefined> {
  const { program } = command;
  try {
    if (asksForHelp(argv)) {
      output.stdout.write(
        line(typeof command.usage === 'function' ? command.usage() : command.usage),
      );
      return EXIT.ok;
    }
    return await command.main(command.parse(argv));
  } catch (error) {
    if (error instanceof UsageError) {
      output.stderr.write(`${program}: ${error.message}\nRun ${program} --help for the usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof CommandFailure) {
      output.stderr.write(`${program}: ${line(error.message)}`);
      return EXIT.failure;
    }
    const shown = error instanceof Error ? (error.stack ?? error.message) : String(error);
    output.stderr.write(
      `${program}: unexpected error, a bug: please report it with this output.\n${line(shown)}`,
    );
    return EXIT.failure;
  }
}

/**
 * A command's entry point: runs it on `process.argv` and sets the exit code. The process ends
 * by itself once nothing is left running, or by a signal handler for a server.
 */
export function runCli<T>(command: Command<T>): void {
  void runCommand(command, process.argv.slice(2)).then((code) => {
    if (code !== undefined) process.exitCode = code;
  });
}
