/**
 * The proxy's own answers. Whatever the proxy refuses or cannot get from upstream is told in
 * one documented shape, `{"message": "...", "proxyError": "<code>"}`: `message` is where a
 * gateway error keeps its text too (a client that shows gateway errors shows these), and
 * `proxyError` tells them apart from anything the upstream itself said. The codes, their
 * statuses and their meaning are listed in the package README; a test holds the two together.
 */

export const PROXY_ERRORS = {
  /** The caller's body is over --max-request-bytes: nothing was sent upstream. */
  'request-too-large': 413,
  /** The caller's request is not one the proxy can sign (a body that is not UTF-8, a bad URL). */
  'bad-request': 400,
  /** A browser's request, or one addressed to another host name (see caller.ts). */
  'caller-refused': 403,
  /** No operation of the contract is at this method, path and fixed query: nothing was sent. */
  'no-operation': 404,
  /** The token service refused the app's credentials: fix them and restart the proxy. */
  'token-refused': 502,
  /** No token could be had (the token service failed, answered too much or too late). */
  'token-unavailable': 502,
  /** The upstream could not be reached (refused connection, DNS, TLS). */
  'upstream-unreachable': 502,
  /** The upstream gave no complete answer within --request-timeout. */
  'upstream-timeout': 502,
  /** The upstream's answer is over --max-response-bytes: the proxy stopped reading it. */
  'upstream-too-large': 502,
  /** The upstream answered with a redirect: the proxy never follows one with credentials. */
  'upstream-redirect': 502,
  /** The proxy was stopped before the call got its answer: it may or may not have reached upstream. */
  'proxy-stopping': 503,
  /** A fault of the proxy itself (a bug): the request may or may not have reached upstream. */
  'proxy-failure': 500,
} as const;

export type ProxyErrorCode = keyof typeof PROXY_ERRORS;

/** The header that marks an answer as the proxy's own, with its code: easy to grep in a HAR. */
export const PROXY_ERROR_HEADER = 'x-enos-signing-proxy-error';

/** A failure the proxy answers in its documented shape. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  readonly status: number;
  constructor(
    readonly code: ProxyErrorCode,
    message: string,
  ) {
    super(message);
    this.status = PROXY_ERRORS[code];
  }
}

/** What a call still in flight gets when close() cuts it off. */
export function stoppingError(): ProxyError {
  return new ProxyError(
    'proxy-stopping',
    'The proxy was stopped before this call got its answer: it may or may not have reached the upstream. ' +
      'Check before sending it again, to a running proxy.',
  );
}

/** The body of a proxy error. */
export function proxyErrorBody(error: ProxyError): string {
  return JSON.stringify({ message: error.message, proxyError: error.code });
}
