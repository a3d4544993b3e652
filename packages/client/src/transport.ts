/**
 * The authenticated transport every request of a client goes through: it gets the token
 * (cached, one request in flight), signs the exact body bytes, sends, refreshes the token once
 * on a 401, and retries what provably did not reach the service.
 */
import { createFinalURL, defaultBodySerializer } from 'openapi-fetch';
import { requestSignature, tokenEncryption } from './auth.js';
import type { TriggerFlowFailure } from './failures.js';
import { TriggerFlowError } from './failures.js';
import { tokenPath } from './generated/contract.js';
import { readAnswer, resultOf, thrownFailure } from './interpret.js';
import { isConnectionRefused, type RetryContext, type RetryPolicy, withRetry } from './retry.js';
import { createScrub } from './scrub.js';
import { sleep } from './signals.js';
import { collisionStep, DUPLICATED_ENCRYPTION, TOKEN_ATTEMPTS } from './token-collision.js';
import { type AccessToken, createTokenSource } from './token-source.js';

export interface TransportOptions {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  timeoutMs: number;
  /** The most bytes of an answer's body read (maxResponseBytes). */
  maxResponseBytes: number;
  policy: RetryPolicy;
  fetch: (input: string | Request, init: Outgoing) => Promise<Response>;
  now: () => number;
}

/** A request's init, its body the very string sent: the one the signature covers. */
export type Outgoing = RequestInit & { body?: string | null };

/** One call's progress: whether the request last sent may have reached the service. */
export interface Progress {
  sent?: boolean;
}

/**
 * A JSON POST built by openapi-fetch's own URL and body serializers: the pieces its
 * `createClient` runs, without the rest of it (see "Platforms and size" in the README). The
 * contract's operations have string query parameters only and no path parameters: each is
 * written as openapi-fetch's `serializePrimitiveParam` writes a string, without that function's
 * code for objects and arrays, which the size budget cannot carry. No `Request` is built:
 * each one costs an AbortSignal of its own, and `fetch(url, init)` builds the only one needed.
 */
export function jsonPost(
  baseUrl: string,
  path: string,
  query: Record<string, string>,
  body: unknown,
  signal: AbortSignal,
): [string, Outgoing] {
  const url = createFinalURL(path, {
    baseUrl,
    params: { query },
    querySerializer: (params) =>
      Object.entries(params)
        .map(([name, value]) => `${name}=${encodeURIComponent(value as string)}`)
        .join('&'),
    pathSerializer: (pathname) => pathname,
  });
  return [
    url,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=UTF-8' },
      body: defaultBodySerializer(body),
      signal,
    },
  ];
}

export function createTransport(options: TransportOptions) {
  const { baseUrl, appKey, appSecret, timeoutMs, maxResponseBytes, policy, fetch, now } = options;
  /** What must never show in a failure or a result: the secret, and every token received. */
  const { scrub, keep } = createScrub(appSecret);
  /** An answer's body, capped; `flowId` for the trigger's. */
  const read = (response: Response, flowId?: number) =>
    readAnswer(response, maxResponseBytes, flowId);
  const context = (signal: AbortSignal): RetryContext => ({ policy, signal, now, attempts: 0 });
  const tokens = createTokenSource(fetchToken, now);
  let lastTimestamp = 0;

  /**
   * The one shared token request. It has its own time limit, as each waiting call has. A
   * collision with another process (see token-collision.ts) is asked again with a new
   * timestamp, up to TOKEN_ATTEMPTS requests in all.
   */
  async function fetchToken(): Promise<AccessToken> {
    const signal = deadline(timeoutMs);
    const retry = context(signal);
    let failure: TriggerFlowFailure;
    let step = 0;
    try {
      for (;;) {
        // Always later than the last: the token service refuses an `encryption` it has seen.
        lastTimestamp = Math.max(now(), lastTimestamp + 1) + step;
        const timestamp = lastTimestamp;
        const encryption = await tokenEncryption({ appKey, appSecret, timestamp });
        const post = jsonPost(baseUrl, tokenPath, {}, { appKey, encryption, timestamp }, signal);
        const response = await withRetry(retry, () => fetch(...post));
        const answer = await read(response);
        const token = (response.ok && answer?.status === 0 && answer.data) as Partial<AccessToken>;
        if (typeof token.accessToken === 'string' && (token.expire as number) > 0) {
          keep(token.accessToken);
          return token as AccessToken;
        }
        if (answer?.status !== DUPLICATED_ENCRYPTION || retry.attempts >= TOKEN_ATTEMPTS) {
          // Without a trigger, resultOf only ever gives a failure.
          failure = (resultOf(response, answer, retry.attempts) as { error: TriggerFlowFailure })
            .error;
          break;
        }
        step = collisionStep();
        await sleep(step / 8, signal);
      }
    } catch (thrown) {
      failure = thrownFailure(thrown, signal, signal, false).error;
    } finally {
      signal.clear();
    }
    // Scrubbed before the error copies its message.
    throw new TriggerFlowError(scrub(failure));
  }

  async function signed(
    input: string | Request,
    init: Outgoing,
    accessToken: string,
    progress: Progress,
  ): Promise<Response> {
    const timestamp = now();
    const headers = new Headers(init.headers);
    const query = new URL((input as Request).url ?? input).searchParams;
    headers.set('apim-accesstoken', accessToken);
    headers.set(
      'apim-signature',
      await requestSignature({ accessToken, query, body: init.body ?? '', timestamp, appSecret }),
    );
    headers.set('apim-timestamp', `${timestamp}`);
    progress.sent = true;
    try {
      const response = await fetch(input, { ...init, headers });
      // The gateway refused these itself: the service never saw the request.
      progress.sent = ![401, 429, 503].includes(response.status);
      return response;
    } catch (error) {
      progress.sent = !isConnectionRefused(error);
      throw error;
    }
  }

  /**
   * Sign `init.body` and send it to `input` (a URL, or a Request whose body `init.body`
   * replaces); on a 401 (an expired token), refresh once and resend once.
   */
  function send(
    input: string | Request,
    init: Outgoing,
    retry: RetryContext,
    progress: Progress = {},
  ): Promise<Response> {
    let refreshed = false;
    return withRetry(retry, async () => {
      let token = await tokens.get(retry.signal);
      let response = await signed(input, init, token, progress);
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        await response.body?.cancel();
        tokens.drop(token);
        token = await tokens.get(retry.signal);
        response = await signed(input, init, token, progress);
      }
      return response;
    });
  }

  return { send, read, scrub, context };
}

/**
 * A time limit: a signal that aborts after `ms`, remembering `ms` for the failure that reports
 * it. Unlike `AbortSignal.timeout`, `clear` stops its timer as soon as the call is over.
 */
export function deadline(ms: number): AbortSignal & { ms: number; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return Object.assign(controller.signal, { ms, clear: () => clearTimeout(timer) });
}
