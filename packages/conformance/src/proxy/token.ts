/**
 * The proxy's access token: asked for on the first signed call, kept while it is valid, and
 * asked for again before it expires, so that no call is sent with a token about to lapse. The
 * token request is the conformance run's own (http/api.ts, with its answer cap and time
 * limit), and a collision with another process that used the same millisecond is asked again
 * the same way (http/token-collisions.ts). Concurrent calls share one token request.
 *
 * Nothing the token service says is quoted in an error: a hostile one could echo the secret.
 * Errors name the contract's entry (its summary and advice) instead.
 */
import { fillAdvice } from '../contract/advice.js';
import { type ContractView, matchCatalog } from '../contract/view.js';
import { sendTokenRequest } from '../http/api.js';
import { AnswerTooLargeError, NoAnswerError, type Transport } from '../http/limits.js';
import {
  askAgainAfterCollisions,
  collisionAdvice,
  isCollision,
  type TokenExchange,
} from '../http/token-collisions.js';
import { ProxyError, stoppingError } from './errors.js';

/** A token whose answer gave no usable lifetime is asked for again after this long. */
export const UNKNOWN_LIFETIME_MS = 60_000;
/** The most before its expiry a token is replaced: a call signed now may wait a while upstream. */
export const MAX_REFRESH_MARGIN_MS = 60_000;

export interface TokenSource {
  /** A token valid for a while yet: the kept one, or a new one. Rejects with a ProxyError. */
  token(): Promise<string>;
  /** The upstream refused this token (HTTP 401): the next call asks for another. */
  forget(token: string): void;
}

export interface TokenSourceOptions {
  view: ContractView;
  server: string;
  credentials: { appKey: string; appSecret: string };
  transport: Transport;
  /** The clock of the token's lifetime; Date.now unless a test moves it. */
  now: () => number;
  /** Told of each token got, before it is used (the proxy redacts it from its log). */
  onToken?: (token: string) => void;
}

interface Kept {
  token: string;
  /** When to ask again: before the expiry by the margin. */
  refreshAt: number;
}

export function tokenSource(options: TokenSourceOptions): TokenSource {
  let kept: Kept | undefined;
  let pending: Promise<Kept> | undefined;
  return {
    async token() {
      if (kept && options.now() < kept.refreshAt) return kept.token;
      pending ??= fetchToken(options).finally(() => {
        pending = undefined;
      });
      kept = await pending;
      return kept.token;
    },
    forget(token) {
      if (kept?.token === token) kept = undefined;
    },
  };
}

async function fetchToken(options: TokenSourceOptions): Promise<Kept> {
  const { view, server, credentials, transport } = options;
  // Taken before the request: the lifetime counts from when the service issued the token.
  const asked = options.now();
  const ask = (timestamp?: number): Promise<TokenExchange> =>
    sendTokenRequest(server, view, credentials, transport, timestamp);
  let exchange: TokenExchange;
  let requests: number;
  try {
    ({ exchange, requests } = await askAgainAfterCollisions(await ask(), ask));
  } catch (error) {
    throw tokenFailure(error, transport);
  }
  const json = exchange.answer.json as { data?: { accessToken?: unknown; expire?: unknown } };
  const token = json?.data?.accessToken;
  if (typeof token === 'string' && token !== '') {
    options.onToken?.(token);
    return { token, refreshAt: asked + lifetimeLeft(json.data?.expire) };
  }
  if (isCollision(exchange.answer)) {
    throw new ProxyError('token-unavailable', `No token: ${collisionAdvice(requests)}`);
  }
  const entry = matchCatalog(view.token, exchange.answer.json);
  if (entry) {
    throw new ProxyError(
      'token-refused',
      `The token service refused the credentials (${entry.summary}): ${fillAdvice(entry.advice)} ` +
        'Check --app-key and --app-secret (or ENOS_APP_KEY and ENOS_APP_SECRET) and restart the proxy.',
    );
  }
  throw new ProxyError(
    'token-unavailable',
    `No token: the token service answered HTTP ${exchange.answer.status} without one. ` +
      'Check that --server is the API gateway, then try again.',
  );
}

/** How long to keep a token: its lifetime less a margin (a fifth of it, at most a minute). */
export function lifetimeLeft(expireSeconds: unknown): number {
  if (typeof expireSeconds !== 'number' || !Number.isFinite(expireSeconds) || expireSeconds <= 0) {
    return UNKNOWN_LIFETIME_MS;
  }
  const lifetime = expireSeconds * 1000;
  return lifetime - Math.min(MAX_REFRESH_MARGIN_MS, lifetime / 5);
}

function tokenFailure(error: unknown, transport: Transport): ProxyError {
  if (transport.signal?.aborted) return stoppingError();
  if (error instanceof NoAnswerError || error instanceof AnswerTooLargeError) {
    return new ProxyError('token-unavailable', `No token: ${error.message}.`);
  }
  // send() names the origin and the network error code, never a header or a body.
  return new ProxyError(
    'upstream-unreachable',
    `No token: ${(error as Error).message}. Check --server and the network.`,
  );
}
