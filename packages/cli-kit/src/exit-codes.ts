/** The exit codes every enos-trigger command uses, and documents in its --help. */
export const EXIT = {
  /** The command did what it was asked (or printed --help, or was stopped by a signal). */
  ok: 0,
  /** It could not: its message says why (a port in use, a server that stopped, a failed check). */
  failure: 1,
  /** Wrong usage: a flag, an argument or a setting it cannot use. */
  usage: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
