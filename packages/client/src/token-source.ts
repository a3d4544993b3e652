/**
 * The access token of one client: fetched on first need, cached until shortly before it
 * expires, and fetched by one request at a time however many calls wait for it.
 */
import { untilAborted } from './signals.js';

export interface AccessToken {
  accessToken: string;
  /** Seconds the token is valid for, from the token service. */
  expire: number;
}

export interface TokenSource {
  /** The cached token, or a fresh one; stops waiting (for this caller only) when `signal` aborts. */
  get(signal: AbortSignal): Promise<string>;
  /** Forget `token` after the gateway refused it, unless another call already replaced it. */
  drop(token: string): void;
}

/** How long before its expiry a token stops being used: a tenth of its life, at most a minute. */
export const refreshMarginMs = (expireSeconds: number): number =>
  Math.min(60_000, expireSeconds * 100);

export function createTokenSource(
  fetchToken: () => Promise<AccessToken>,
  now: () => number,
): TokenSource {
  let token = '';
  let until = 0;
  let pending: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    // Counted from the request's start, not its answer: the token may be older than it looks.
    const asked = now();
    const { accessToken, expire } = await fetchToken().finally(() => {
      pending = undefined;
    });
    until = asked + expire * 1000 - refreshMarginMs(expire);
    token = accessToken;
    return token;
  }

  return {
    async get(signal) {
      if (now() < until) return token;
      pending ??= refresh();
      return untilAborted(pending, signal);
    },
    drop(refused) {
      if (refused === token) until = 0;
    },
  };
}
