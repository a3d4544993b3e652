/**
 * Reads the command line of enos-trigger-mock into what to start, or a usage error (--help is
 * answered before, by cli-kit).
 */
import { parseArguments, UsageError } from '@enos-trigger/cli-kit';
import { InvalidOptionError } from './errors.js';
import {
  checkContract,
  checkHost,
  checkPort,
  checkSeed,
  checkUpstream,
  DEFAULT_MOCK_PORT,
  DEFAULT_PROXY_PORT,
} from './options.js';

export type Command =
  | {
      kind: 'mock';
      contract: string;
      host: string;
      port: number;
      dynamic: boolean;
      seed?: string | undefined;
    }
  | {
      kind: 'proxy';
      contract: string;
      host: string;
      port: number;
      upstream: string;
      answersOnly: boolean;
    };

function portNumber(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    throw new UsageError(`--port must be a number from 0 to 65535; got "${text}".`);
  }
  return checkPort(Number(text), fallback);
}

function interpret(args: string[]): Command {
  const { values, positionals } = parseArguments({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      contract: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      dynamic: { type: 'boolean' },
      seed: { type: 'string' },
      upstream: { type: 'string' },
      'answers-only': { type: 'boolean' },
    },
  });
  const [mode, ...extra] = positionals;
  if (extra.length > 0 || (mode !== undefined && mode !== 'proxy')) {
    throw new UsageError(`unexpected argument "${extra[0] ?? mode}".`);
  }
  const host = checkHost(values.host);
  const contract = checkContract(values.contract);
  if (mode === 'proxy') {
    if (values.dynamic || values.seed !== undefined) {
      throw new UsageError('--dynamic and --seed are options of the mock, not of the proxy.');
    }
    if (values.upstream === undefined) {
      throw new UsageError('proxy needs --upstream URL, the server whose traffic to check.');
    }
    const upstream = checkUpstream(values.upstream);
    const port = portNumber(values.port, DEFAULT_PROXY_PORT);
    return {
      kind: 'proxy',
      contract,
      host,
      port,
      upstream,
      answersOnly: values['answers-only'] ?? false,
    };
  }
  if (values['answers-only']) {
    throw new UsageError(
      '--answers-only belongs to the proxy: enos-trigger-mock proxy --upstream URL --answers-only.',
    );
  }
  if (values.upstream !== undefined) {
    throw new UsageError(
      '--upstream belongs to the proxy: enos-trigger-mock proxy --upstream URL.',
    );
  }
  const dynamic = values.dynamic ?? false;
  const seed = checkSeed(values.seed, dynamic);
  return {
    kind: 'mock',
    contract,
    host,
    port: portNumber(values.port, DEFAULT_MOCK_PORT),
    dynamic,
    seed,
  };
}

export function parseCommandLine(args: string[]): Command {
  try {
    return interpret(args);
  } catch (error) {
    if (error instanceof InvalidOptionError) throw new UsageError(error.message);
    throw error;
  }
}
