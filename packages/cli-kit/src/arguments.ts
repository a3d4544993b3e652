/** The command line as node:util reads it, with its mistakes turned into UsageErrors. */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from './errors.js';

/**
 * `parseArgs` of node:util, strict unless told otherwise. Its errors (an unknown option, a
 * missing value, an unexpected argument) become a UsageError with their first sentence, which
 * names the option; the rest of node's text is advice about `--` that fits no command here.
 */
export function parseArguments<T extends ParseArgsConfig>(
  config: T,
): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) throw error;
    const [first] = (error as Error).message.split('. ');
    throw new UsageError(first?.endsWith('.') ? first : `${first}.`);
  }
}

/**
 * Does the command line ask for help (`--help` or `-h` before a `--`)? Help wins over every
 * other argument, even a wrong or incomplete one: whoever asks for it is finding out how.
 */
export function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  return options.includes('--help') || options.includes('-h');
}
