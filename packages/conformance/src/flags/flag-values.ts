/**
 * The flag values both commands read the same way (enos-trigger-conformance's options and the
 * signing proxy's): each flag once, no empty value, whole numbers and seconds in a range, the
 * server's base URL, a contract file, and the application's credentials from the flags or the
 * environment. Every mistake is a UsageError naming the flag; no message quotes a secret
 * (`keepingSecretOut`).
 */
import { resolve } from 'node:path';
import { parseArguments, UsageError } from '@enos-trigger/cli-kit';
import { contractView } from '../contract/view.js';
import { Redactor } from '../results/redact.js';

type FlagConfig = Record<string, { type: 'string' | 'boolean' }>;

/**
 * The flags, parsed strictly, each given at most once, and a reader of a string flag that
 * refuses an empty value.
 */
export function parseFlags<const F extends FlagConfig>(argv: string[], options: F) {
  const { values, tokens } = parseArguments({
    args: argv,
    options,
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
  // parseArgs keeps the last of a flag given twice; a run must not guess which one was meant.
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === undefined) continue;
    if (seen.has(token.name)) {
      throw new UsageError(`--${token.name} is given more than once: give it once.`);
    }
    seen.add(token.name);
  }
  const text = (name: keyof F & string): string | undefined => {
    const value = (values as Record<string, string | boolean | undefined>)[name];
    if (value === '') throw new UsageError(`--${name} is empty: give it a value.`);
    return value as string | undefined;
  };
  return { values, text };
}

/** A number flag read within [min, max]; undefined when the flag is not given. */
type NumberFlag = (
  name: string,
  value: string | undefined,
  min: number,
  max: number,
) => number | undefined;

/** The number the flag's digits spell (with `decimals`, up to three after a point), in range. */
function boundedNumber(
  flag: { name: string; value: string; min: number; max: number },
  decimals: boolean,
  must: string,
): number {
  const { name, value, min, max } = flag;
  const pattern = decimals ? /^[0-9]+(\.[0-9]{1,3})?$/ : /^[0-9]+$/;
  const n = pattern.test(value) ? Number(value) : Number.NaN;
  const ok = decimals ? Number.isFinite(n) : Number.isSafeInteger(n);
  if (!ok || n < min || n > max) throw new UsageError(`--${name} "${value}" must be ${must}.`);
  return n;
}

export const integerOption: NumberFlag = (name, value, min, max) =>
  value === undefined
    ? undefined
    : boundedNumber({ name, value, min, max }, false, `a whole number from ${min} to ${max}`);

/** Seconds, whole or with up to three decimals (`0.25`), as ms. */
export const secondsOption: NumberFlag = (name, value, min, max) =>
  value === undefined
    ? undefined
    : Math.round(
        1000 *
          boundedNumber(
            { name, value, min, max },
            true,
            `a number of seconds from ${min} to ${max} (up to three decimals, e.g. 0.25)`,
          ),
      );

/** --server: an http(s) base URL without credentials, query or fragment. */
export function serverUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--server "${value}" is not a URL: give the gateway's base URL, e.g. https://apigw.example.com.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server must be an http:// or https:// URL, not ${url.protocol}.`);
  }
  if (url.username || url.password) {
    throw new UsageError('--server must not carry credentials: give --app-key and --app-secret.');
  }
  if (url.search || url.hash) {
    throw new UsageError('--server must be a base URL without a query or a fragment.');
  }
  return url;
}

/** A contract file that loads, and has the operations this package gives roles to. */
export function contractOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const file = resolve(value);
  try {
    contractView(file);
  } catch (error) {
    throw new UsageError(`--contract ${value}: ${(error as Error).message}`);
  }
  return file;
}

/**
 * The application's key and secret: the flags, else ENOS_APP_KEY and ENOS_APP_SECRET. `need`
 * opens the message when either is missing (e.g. "Testing --server needs the application's
 * credentials").
 */
export function appCredentials(
  keyFlag: string | undefined,
  secretFlag: string | undefined,
  env: NodeJS.ProcessEnv,
  need: string,
): { appKey: string; appSecret: string } {
  const appKey = keyFlag ?? nonEmpty(env.ENOS_APP_KEY);
  const appSecret = secretFlag ?? nonEmpty(env.ENOS_APP_SECRET);
  const missing = [
    appKey === undefined ? '--app-key (or ENOS_APP_KEY)' : undefined,
    appSecret === undefined ? '--app-secret (or ENOS_APP_SECRET)' : undefined,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(`${need}: give ${missing.join(' and ')}.`);
  }
  return { appKey: appKey as string, appSecret: appSecret as string };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/**
 * `read` (a command's whole reading of its flags), with the app secret, from the flag or the
 * environment, taken out of any UsageError it throws, in every form the run's Redactor knows.
 * A message quotes the value it refuses, and a secret given where another flag's value goes
 * (`--port "$ENOS_APP_SECRET"`, `--contract <secret>`) would otherwise be printed back.
 */
export function keepingSecretOut<T>(argv: string[], env: NodeJS.ProcessEnv, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const redactor = new Redactor();
    redactor.add(env.ENOS_APP_SECRET);
    argv.forEach((arg, i) => {
      if (arg === '--app-secret') redactor.add(argv[i + 1]);
      else if (arg.startsWith('--app-secret=')) redactor.add(arg.slice('--app-secret='.length));
    });
    const message = redactor.redact(error.message);
    throw message === error.message ? error : new UsageError(message);
  }
}
