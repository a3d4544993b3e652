/**
 * One call, forwarded: the caller's headers without any credential or hop-by-hop header, the
 * contract's security headers (a fresh signature over the token, the sorted query, the body,
 * the timestamp and the secret) for a signed operation, sent to the upstream with a time limit,
 * following no redirect, and its answer read up to the size limit. Every way the upstream can
 * fail becomes a ProxyError with a documented code; nothing the upstream sent is quoted in it.
 */
import type { ContractView, OperationView } from '../contract/view.js';
import { signedHeaders } from '../http/api.js';
import { AnswerTooLargeError, readCapped } from '../http/limits.js';
import { ProxyError } from './errors.js';
import type { TokenSource } from './token.js';
import { untilAborted } from './until-aborted.js';

/** Headers that belong to one connection, or that the proxy sets itself. */
const HOP_BY_HOP = [
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
  'expect',
  // fetch asks for and decodes compressed answers itself; the size cap counts decoded bytes.
  'accept-encoding',
];
/** Credentials of any kind: the proxy's own are the only ones sent upstream. */
const CREDENTIALS = ['authorization', 'proxy-authorization', 'cookie'];
/** Answer headers not passed back: the proxy sends the body decoded, with its own length. */
const ANSWER_DROPPED = [...HOP_BY_HOP, 'content-encoding', 'set-cookie'];

export interface Upstream {
  view: ContractView;
  /** The upstream's base URL, without a trailing slash (a path prefix is kept). */
  base: string;
  appSecret: string;
  tokens: TokenSource;
  timeoutMs: number;
  maxResponseBytes: number;
  /** Every security header name of the contract, lower case: stripped from every call. */
  securityHeaders: ReadonlySet<string>;
}

export interface Call {
  op: OperationView;
  method: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Aborted when the caller went away or the proxy stops. */
  signal: AbortSignal;
}

export interface UpstreamAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function forward(upstream: Upstream, call: Call): Promise<UpstreamAnswer> {
  const headers = passedHeaders(call.headers, upstream.securityHeaders);
  let token: string | undefined;
  if (call.op.signed) {
    try {
      // A caller that went away waits no longer; the token request goes on for the next call.
      token = await untilAborted(upstream.tokens.token(), call.signal);
    } catch (error) {
      throw upstreamFailure(error, upstream, undefined, call.signal);
    }
    Object.assign(
      headers,
      await signedHeaders(upstream.view, call.op, {
        accessToken: token,
        appSecret: upstream.appSecret,
        query: call.query,
        body: call.body,
      }),
    );
  }
  const search = call.query.length > 0 ? `?${new URLSearchParams(call.query)}` : '';
  const timeout = AbortSignal.timeout(upstream.timeoutMs);
  const signal = AbortSignal.any([timeout, call.signal]);
  let response: Response;
  let body: string;
  try {
    response = await fetch(`${upstream.base}${call.path}${search}`, {
      method: call.method,
      headers,
      body: call.body === '' ? undefined : call.body,
      redirect: 'manual',
      signal,
    });
    if (isRedirect(response.status)) {
      await response.body?.cancel().catch(() => {});
      throw new ProxyError(
        'upstream-redirect',
        `The upstream answered HTTP ${response.status}, a redirect: the proxy follows none, so that ` +
          'no signed call goes elsewhere. Give --server as the URL the API is really served at.',
      );
    }
    body = await readCapped(response, upstream.maxResponseBytes);
  } catch (error) {
    throw upstreamFailure(error, upstream, timeout, call.signal);
  }
  // An expired or revoked token: the next call asks for another.
  if (token !== undefined && response.status === 401) upstream.tokens.forget(token);
  return { status: response.status, headers: answerHeaders(response.headers), body };
}

function isRedirect(status: number): boolean {
  return status >= 300 && status < 400 && status !== 304;
}

function passedHeaders(
  given: Call['headers'],
  security: ReadonlySet<string>,
): Record<string, string> {
  const passed: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) {
    const lower = name.toLowerCase();
    if (value === undefined || HOP_BY_HOP.includes(lower) || CREDENTIALS.includes(lower)) continue;
    if (security.has(lower)) continue;
    passed[lower] = Array.isArray(value) ? value.join(', ') : value;
  }
  return passed;
}

function answerHeaders(headers: Headers): Record<string, string> {
  const passed: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!ANSWER_DROPPED.includes(name)) passed[name] = value;
  });
  return passed;
}

function upstreamFailure(
  error: unknown,
  upstream: Upstream,
  timeout: AbortSignal | undefined,
  call: AbortSignal,
): ProxyError {
  if (error instanceof ProxyError) return error;
  // The proxy stopping cut the call off (its reason is the proxy's error).
  if (call.aborted && call.reason instanceof ProxyError) return call.reason;
  if (timeout?.aborted) {
    return new ProxyError(
      'upstream-timeout',
      `The upstream gave no complete answer within ${upstream.timeoutMs / 1000} s ` +
        '(--request-timeout): the call may or may not have taken effect. Check it before sending it again.',
    );
  }
  if (error instanceof AnswerTooLargeError) {
    return new ProxyError(
      'upstream-too-large',
      `The upstream's answer is larger than ${upstream.maxResponseBytes} bytes ` +
        '(--max-response-bytes): the proxy stopped reading it. Raise the limit if the answer is expected.',
    );
  }
  const cause = (error as { cause?: { code?: unknown } }).cause?.code;
  const why = typeof cause === 'string' ? cause : (error as Error)?.name;
  return new ProxyError(
    'upstream-unreachable',
    `The upstream ${new URL(upstream.base).origin} could not be reached (${why}). ` +
      'Check --server and the network.',
  );
}
