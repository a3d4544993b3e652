/**
 * @enos-trigger/cli-kit: what the enos-trigger commands share, so that each reads its command
 * line, answers --help, reports mistakes and stops on a signal the same way.
 */
export { asksForHelp, parseArguments } from './arguments.js';
export { CommandFailure, UsageError } from './errors.js';
export { EXIT, type ExitCode } from './exit-codes.js';
export { type Command, type Output, runCli, runCommand } from './run.js';
export { type StopSignals, stopOnSignals } from './signals.js';
