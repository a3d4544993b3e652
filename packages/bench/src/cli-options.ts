/** The command line of enos-trigger-bench. */
import { parseArguments, UsageError } from '@enos-trigger/cli-kit';
import { GROUP_NAMES, type GroupName } from './groups.js';

export const USAGE = `enos-trigger-bench: measure the toolkit against its peers, each figure next to a
baseline measured in the same run.

Usage:
  enos-trigger-bench [--quick] [--only GROUP[,GROUP...]] [--out FILE]

Options:
  --quick        A short smoke run (well under a minute): proves the harness works; its
                 figures are too short to quote. The build figure then rebuilds only this
                 package (turbo --filter=@enos-trigger/bench --only).
  --only GROUPS  Measure only these groups, comma-separated: ${GROUP_NAMES.join(', ')}.
  --out FILE     Where to write the results as JSON (default: bench-results/latest.json at
                 the repository root).
  -h, --help     Show this text.

Every server listens on 127.0.0.1 on a free port and is stopped by its process id.

Exit codes:
  0  every figure was measured (whether its goal holds is in the table and the JSON)
  1  a figure could not be measured (the table says why), or the run ran out of time
  2  wrong usage`;

export interface CliOptions {
  quick: boolean;
  groups: GroupName[];
  out: string | undefined;
}

/** Reads the command line (--help is answered before, by cli-kit); throws a UsageError. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const { values } = parseArguments({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      only: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const groups =
    values.only === undefined ? GROUP_NAMES : values.only.split(',').map((name) => name.trim());
  const unknown = groups.filter((name) => !GROUP_NAMES.includes(name as GroupName));
  if (unknown.length > 0 || groups.length === 0) {
    throw new UsageError(
      `--only takes groups among ${GROUP_NAMES.join(', ')}; got "${values.only}".`,
    );
  }
  if (values.out === '') throw new UsageError('--out needs a file name.');
  return {
    quick: values.quick ?? false,
    // Measured in the usual order, whatever order they were given in.
    groups: GROUP_NAMES.filter((name) => groups.includes(name)),
    out: values.out,
  };
}
