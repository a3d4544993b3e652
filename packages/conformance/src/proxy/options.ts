/**
 * The proxy's command line and environment, read into startSigningProxy's options. The
 * credentials come as for enos-trigger-conformance: flags, or ENOS_APP_KEY and ENOS_APP_SECRET
 * (preferred for the secret). Every mistake is a UsageError naming the flag and what to give;
 * no message ever quotes the secret.
 */
import { UsageError } from '@enos-trigger/cli-kit';
import {
  appCredentials,
  contractOption,
  integerOption,
  keepingSecretOut,
  parseFlags,
  serverUrl,
} from '../flags/flag-values.js';
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
  return keepingSecretOut(argv, env, () => readOptions(argv, env));
}

function readOptions(argv: string[], env: NodeJS.ProcessEnv): ProxyCliOptions {
  const { text } = parseFlags(argv, FLAGS);
  const server = text('server');
  if (server === undefined) {
    throw new UsageError(
      '--server is missing: give the API gateway to forward to, e.g. https://apigw.example.com.',
    );
  }
  const { appKey, appSecret } = appCredentials(
    text('app-key'),
    text('app-secret'),
    env,
    "The proxy signs with the application's credentials",
  );
  const bytes = (name: 'max-request-bytes' | 'max-response-bytes', fallback: number) =>
    integerOption(name, text(name), MIN_BYTES, MAX_BYTES) ?? fallback;
  const options: ProxyCliOptions = {
    server: serverUrl(server).href,
    appKey,
    appSecret,
    port: integerOption('port', text('port'), 0, 65535) ?? 0,
    maxRequestBytes: bytes('max-request-bytes', DEFAULT_MAX_REQUEST_BYTES),
    maxResponseBytes: bytes('max-response-bytes', DEFAULT_MAX_RESPONSE_BYTES),
    requestTimeoutMs:
      1000 *
      (integerOption('request-timeout', text('request-timeout'), 1, MAX_TIMEOUT_S) ??
        DEFAULT_REQUEST_TIMEOUT_MS / 1000),
  };
  const contract = contractOption(text('contract'));
  if (contract !== undefined) options.contract = contract;
  return options;
}
