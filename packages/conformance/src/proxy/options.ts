/**
 * The proxy's command line and environment, read into startSigningProxy's options. The
 * credentials come as for enos-trigger-conformance: flags, or ENOS_APP_KEY and ENOS_APP_SECRET
 * (preferred for the secret). Every mistake is a UsageError naming the flag and what to give;
 * no message ever quotes the secret.
 */
import { resolve } from 'node:path';
import { parseArguments, UsageError } from '@enos-trigger/cli-kit';
import { contractView } from '../contract/view.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '../http/limits.js';
import { DEFAULT_MAX_REQUEST_BYTES, type SigningProxyOptions } from './server.js';

const FLAGS = {
  server: { type: 'string' },
  'app-key': { type: 'string' },
  'app-secret': { type: 'string' },
  port: { type: 'string' },
  'max-request-bytes': { type: 'string' },
  'max-response-bytes': { type: 'string' },
  'request-timeout': { type: 'string' },
  contract: { type: 'string' },
} as const;

/** The smallest byte limit: a gateway's error page must still fit. */
const MIN_BYTES = 1024;
const MAX_BYTES = 256 * 1024 * 1024;
const MAX_TIMEOUT_S = 600;

export type ProxyCliOptions = Omit<SigningProxyOptions, 'log' | 'now'>;

export function proxyOptions(argv: string[], env: NodeJS.ProcessEnv): ProxyCliOptions {
  const { values, tokens } = parseArguments({
    args: argv,
    options: FLAGS,
    strict: true,
    allowPositionals: false,
    tokens: true,
  });
  const seen = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name))
      throw new UsageError(`--${token.name} is given more than once: give it once.`);
    seen.add(token.name);
  }
  const text = (name: keyof typeof FLAGS): string | undefined => {
    const value = values[name];
    if (value === '') throw new UsageError(`--${name} is empty: give it a value.`);
    return value;
  };
  const server = text('server');
  if (server === undefined) {
    throw new UsageError(
      '--server is missing: give the API gateway to forward to, e.g. https://apigw.example.com.',
    );
  }
  const appKey = text('app-key') ?? nonEmpty(env.ENOS_APP_KEY);
  const appSecret = text('app-secret') ?? nonEmpty(env.ENOS_APP_SECRET);
  const missing = [
    appKey === undefined ? '--app-key (or ENOS_APP_KEY)' : undefined,
    appSecret === undefined ? '--app-secret (or ENOS_APP_SECRET)' : undefined,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(
      `The proxy signs with the application's credentials: give ${missing.join(' and ')}.`,
    );
  }
  const bytes = (name: 'max-request-bytes' | 'max-response-bytes', fallback: number) =>
    integer(name, text(name), MIN_BYTES, MAX_BYTES) ?? fallback;
  return {
    server: serverUrl(server).href,
    appKey: appKey as string,
    appSecret: appSecret as string,
    port: integer('port', text('port'), 0, 65535) ?? 0,
    maxRequestBytes: bytes('max-request-bytes', DEFAULT_MAX_REQUEST_BYTES),
    maxResponseBytes: bytes('max-response-bytes', DEFAULT_MAX_RESPONSE_BYTES),
    requestTimeoutMs:
      1000 *
      (integer('request-timeout', text('request-timeout'), 1, MAX_TIMEOUT_S) ??
        DEFAULT_REQUEST_TIMEOUT_MS / 1000),
    ...contractOption(text('contract')),
  };
}

function serverUrl(value: string): URL {
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

function contractOption(value: string | undefined): { contract?: string } {
  if (value === undefined) return {};
  const file = resolve(value);
  try {
    contractView(file);
  } catch (error) {
    throw new UsageError(`--contract ${value}: ${(error as Error).message}`);
  }
  return { contract: file };
}

function integer(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} "${value}" must be a whole number from ${min} to ${max}.`);
  }
  return n;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
