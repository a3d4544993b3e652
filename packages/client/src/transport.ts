/**
 * The one transport every request of a client goes through, whatever its method: it builds
 * the request from the operation's generated route (method, path, fixed query), sends a body
 * only when there is one (a GET has none), signs it when the operation asks for the signing
 * headers (with the token from `tokens`, over the sorted query and the exact body bytes), sends,
 * refreshes the token once on a 401, and retries what provably did not reach the service. It
 * reads no answer: interpret.ts does.
 */
import { signatureOf } from './auth.js';
import { TriggerFlowError } from './failures.js';
import { signingHeaders } from './generated/contract.js';
import type { Failed } from './interpret.js';
import { isConnectionRefused, type Retrier, type RetryContext } from './retry.js';
import type { TokenSource } from './token-source.js';
import type { Route } from './types.js';

export interface TransportOptions {
  baseUrl: string;
  appSecret: string;
  /** How a request is sent again (`retrying`), or `once`. */
  retry: Retrier;
  fetch: (input: string | Request, init: Outgoing) => Promise<Response>;
  now: () => number;
  /** The access tokens of the signed operations. */
  tokens: TokenSource;
}

/**
 * A request's init, its body the very string sent (the one the signature covers), its headers
 * a plain object (which the signing headers are spread into).
 */
export type Outgoing = Omit<RequestInit, 'headers'> & {
  body?: string | null;
  headers?: Record<string, string>;
};

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
 * The contract's query parameters are strings: each is written `name=encodeURIComponent(value)`,
 * as openapi-fetch's `serializePrimitiveParam` writes a string. Its `createFinalURL` is not used:
 * for a path without parameters it only joins base, path and this query, and its code for path
 * templates and objects is more than an application that only triggers can carry (see
 * "Platforms and size" in the README).
 */
const queryOf = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join('&');

export function createTransport(options: TransportOptions) {
  const { baseUrl, appSecret, retry: withRetry, fetch, now, tokens } = options;
  const context = (signal: AbortSignal): RetryContext => ({ signal, now, attempts: 0 });

  async function sign(
    input: string | Request,
    init: Outgoing,
    accessToken: string,
    progress: Progress,
  ): Promise<Response> {
    const timestamp = now();
    const query = new URL((input as Request).url ?? input).searchParams;
    const [tokenHeader, signatureHeader, timestampHeader] = signingHeaders as [
      string,
      string,
      string,
    ];
    const headers = {
      ...init.headers,
      [tokenHeader]: accessToken,
      [signatureHeader]: await signatureOf(
        accessToken,
        query,
        init.body ?? '',
        timestamp,
        appSecret,
      ),
      [timestampHeader]: `${timestamp}`,
    };
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
    return withRetry(retry, async () => {
      if (!signed) return fetch(input, init);
      for (let refreshes = 1; ; refreshes--) {
        const token = await tokens.get(retry.signal);
        const response = await sign(input, init, token, progress);
        if (response.status !== 401 || !refreshes) return response;
        await response.body?.cancel();
        tokens.drop(token);
      }
    });
  }

  /**
   * Call an operation by its generated route (`<operationId>Route` of generated/contract.ts):
   * its path, then the route's fixed query first and the call's own; a JSON body only when the
   * call has one, by `JSON.stringify` (what openapi-fetch's `defaultBodySerializer` gives for a
   * JSON body). No `Request` is built: each one costs an AbortSignal of its own, and
   * `fetch(url, init)` builds the only one.
   */
  function send(
    target: Route,
    { query, body, signal }: Call,
    retry: RetryContext,
    progress?: Progress,
  ): Promise<Response> {
    const [method, path, fixedQuery, , signed] = target;
    const search = queryOf({ ...fixedQuery, ...query });
    const url = `${baseUrl}${path}${search && '?'}${search}`;
    const init: Outgoing = { method, signal };
    if (body !== undefined) {
      init.headers = { 'Content-Type': 'application/json;charset=UTF-8' };
      init.body = JSON.stringify(body);
    }
    return deliver(url, init, signed, retry, progress);
  }

  return { send, deliver, context };
}

export type Transport = ReturnType<typeof createTransport>;

/**
 * The transport as a fetch, for openapi-fetch (createRawClient) or a fetch layer of your own:
 * every request is signed, as every operation of the contract but the token request asks. A
 * function of its own, so that an application that never asks for it does not carry it.
 */
export const fetchOf =
  ({ deliver, context }: Pick<Transport, 'deliver' | 'context'>) =>
  async (request: Request): Promise<Response> => {
    const init = {
      headers: Object.fromEntries(request.headers),
      body: request.body && (await request.text()),
    };
    try {
      return await deliver(request, init, 1, context(request.signal));
    } catch (thrown) {
      // The token request fails with its result (`{ ok: false, error }`, what the session's
      // operations read); a fetch's caller gets an Error: the TriggerFlowError that carries it.
      throw (thrown as Failed | undefined)?.ok === false
        ? new TriggerFlowError((thrown as Failed).error)
        : thrown;
    }
  };

/**
 * A time limit: a signal that aborts after `ms`, remembering `ms` for the failure that reports
 * it. Unlike `AbortSignal.timeout`, `clear` stops its timer as soon as the call is over.
 */
export function deadline(ms: number): AbortSignal & { ms: number; clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  return Object.assign(controller.signal, { ms, clear: () => clearTimeout(timer) });
}
