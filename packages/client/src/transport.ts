/**
 * The one transport every request of a client goes through, whatever its method: it builds
 * the request from the operation's generated route (method, path, fixed query), sends a body
 * only when there is one (a GET has none), signs it when the operation asks for the signing
 * headers (with the token from `tokens`, over the sorted query and the exact body bytes), sends,
 * refreshes the token once on a 401, and retries what provably did not reach the service. It
 * reads no answer: interpret.ts does.
 */
import { createFinalURL } from 'openapi-fetch';
import { requestSignature } from './auth.js';
import { signingHeaders } from './generated/contract.js';
import { isConnectionRefused, type RetryContext, type RetryPolicy, withRetry } from './retry.js';
import type { TokenSource } from './token-source.js';
import type { Route } from './types.js';

export interface TransportOptions {
  baseUrl: string;
  appSecret: string;
  policy: RetryPolicy;
  fetch: (input: string | Request, init: Outgoing) => Promise<Response>;
  now: () => number;
  /** The access tokens of the signed operations. */
  tokens: TokenSource;
}

/** A request's init, its body the very string sent: the one the signature covers. */
export type Outgoing = RequestInit & { body?: string | null };

/** One call's progress: whether the request last sent may have reached the service. */
export interface Progress {
  sent?: boolean;
}

/** What a call sends besides its route: its own query values, a JSON body if any, its signal. */
export interface Call {
  query?: Record<string, string>;
  /** Serialized as JSON; left out (a GET), no body and no Content-Type are sent. */
  body?: unknown;
  signal: AbortSignal;
}

/**
 * The contract's query parameters are strings: each is written as openapi-fetch's
 * `serializePrimitiveParam` writes a string, without that function's code for objects and
 * arrays, which the size budget cannot carry (see "Platforms and size" in the README).
 */
const querySerializer = (params: Record<string, unknown>) =>
  Object.entries(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(value as string)}`)
    .join('&');

export function createTransport(options: TransportOptions) {
  const { baseUrl, appSecret, policy, fetch, now, tokens } = options;
  const context = (signal: AbortSignal): RetryContext => ({ policy, signal, now, attempts: 0 });

  async function sign(
    input: string | Request,
    init: Outgoing,
    accessToken: string,
    progress: Progress,
  ): Promise<Response> {
    const timestamp = now();
    const headers = new Headers(init.headers);
    const query = new URL((input as Request).url ?? input).searchParams;
    const [tokenHeader, signatureHeader, timestampHeader] = signingHeaders as [
      string,
      string,
      string,
    ];
    headers.set(tokenHeader, accessToken);
    headers.set(
      signatureHeader,
      await requestSignature({ accessToken, query, body: init.body ?? '', timestamp, appSecret }),
    );
    headers.set(timestampHeader, `${timestamp}`);
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
   * Send `init.body` to `input` (a URL, or a Request whose body `init.body` replaces): as it is
   * when not `signed` (a public operation); otherwise signed, and on a 401 (an expired token)
   * with a new token, once.
   */
  function deliver(
    input: string | Request,
    init: Outgoing,
    signed: unknown,
    retry: RetryContext,
    progress: Progress = {},
  ): Promise<Response> {
    let refreshed = false;
    return withRetry(retry, async () => {
      if (!signed) return fetch(input, init);
      let token = await tokens.get(retry.signal);
      let response = await sign(input, init, token, progress);
      if (response.status === 401 && !refreshed) {
        refreshed = true;
        await response.body?.cancel();
        tokens.drop(token);
        token = await tokens.get(retry.signal);
        response = await sign(input, init, token, progress);
      }
      return response;
    });
  }

  /**
   * Call an operation by its generated route (`<operationId>Route` of generated/contract.ts): the URL by openapi-fetch's own serializers,
   * the route's fixed query first; a JSON body only when the call has one, by `JSON.stringify`,
   * which is what openapi-fetch's `defaultBodySerializer` gives for a JSON body (its FormData and
   * form-encoded branches are code the size budget cannot carry). No `Request` is built: each
   * one costs an AbortSignal of its own, and `fetch(url, init)` builds the only one.
   */
  function send(
    target: Route,
    { query, body, signal }: Call,
    retry: RetryContext,
    progress?: Progress,
  ): Promise<Response> {
    const [method, path, fixedQuery, , signed] = target;
    const url = createFinalURL(path, {
      baseUrl,
      params: { query: { ...fixedQuery, ...query } },
      querySerializer,
      pathSerializer: (pathname) => pathname,
    });
    const init: Outgoing = { method, signal };
    if (body !== undefined) {
      init.headers = { 'Content-Type': 'application/json;charset=UTF-8' };
      init.body = JSON.stringify(body);
    }
    return deliver(url, init, signed, retry, progress);
  }

  /**
   * The transport as a fetch, for openapi-fetch (createRawClient): every request is signed, as
   * every operation of the contract but the token request asks.
   */
  const fetchRequest = async (request: Request): Promise<Response> =>
    deliver(
      request,
      { headers: request.headers, body: request.body && (await request.text()) },
      1,
      context(request.signal),
    );

  return { send, fetch: fetchRequest, context };
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
