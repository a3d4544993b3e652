/**
 * The two errors a command explains to its user instead of showing a stack trace. Each message
 * says what went wrong and what to do next; the command prints it alone, after its name.
 */

/** Wrong usage of a command (a flag, an argument, a setting): it exits 2 and points to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure the command can explain (a port in use, a server that stopped): it exits 1. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';
}
