/**
 * startSigningProxy: a node:http server on 127.0.0.1 that forwards each call of the contract's
 * operations to the upstream, signed (forward.ts). Whatever a caller or the upstream does, it
 * answers, with the upstream's answer or its own documented error (errors.ts), and keeps
 * serving. It logs one line per call, never a header, a query or a body; the app secret and
 * its latest tokens are redacted from each line as a second guard (secrets.ts).
 *
 * close() stops accepting and gives the calls in flight a grace period (by default the longest
 * one call can take, callerWaitMs) to get their answers; then it cuts them off, the token
 * request too, so that nothing of the proxy runs on after it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaderNames } from '@enos-trigger/spec';
import { type ContractView, contractView } from '../contract/view.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '../http/limits.js';
import { TOKEN_ATTEMPTS } from '../http/token-collisions.js';
import { callerRefusal } from './caller.js';
import { PROXY_ERROR_HEADER, ProxyError, proxyErrorBody, stoppingError } from './errors.js';
import { forward, type Upstream } from './forward.js';
import { readRequestBody } from './request-body.js';
import { contractRouter } from './route.js';
import { ProxySecrets } from './secrets.js';
import { tokenSource } from './token.js';
import { untilAborted } from './until-aborted.js';

/** The host the proxy listens on: this machine only (see caller.ts). */
export const PROXY_HOST = '127.0.0.1';
/** The largest request body the proxy takes: 1 MiB, the gateway's own limit. */
export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
/** How long a caller may take to send a whole request. */
const REQUEST_RECEIPT_MS = 60_000;
/** Above the proxy's own longest call: the loopback hop, and the pauses between token requests. */
const CALLER_MARGIN_MS = 1000;

/**
 * How long a caller of the proxy should wait for one answer: the longest one call can take. The
 * first call, and the first after a token lapses, asks for a token first (TOKEN_ATTEMPTS
 * requests at most, asked again after each collision), then forwards the call: each request
 * within the upstream wait. A caller that waits less sees its own timeout, where the proxy
 * would have answered what went wrong (upstream-timeout, token-unavailable).
 */
export function callerWaitMs(requestTimeoutMs: number): number {
  return (TOKEN_ATTEMPTS + 1) * requestTimeoutMs + CALLER_MARGIN_MS;
}

export interface SigningProxyOptions {
  /** The API gateway to forward to (a path prefix is kept). */
  server: string | URL;
  appKey: string;
  appSecret: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default 1 MiB. */
  maxRequestBytes?: number;
  /** Default 1 MiB, as the conformance run. */
  maxResponseBytes?: number;
  /** The wait for the upstream's whole answer (and for a token), in ms. Default 15 s. */
  requestTimeoutMs?: number;
  /** Another contract than the bundled one: a JSON OpenAPI file, as --contract takes it. */
  contract?: string;
  /** One line per call; default: nothing is logged. */
  log?: (line: string) => void;
  /**
   * Told once that the app secret, or a token, is too short to redact (the message never holds
   * it); default: a log line.
   */
  warn?: (message: string) => void;
  /** The clock of token lifetimes; default Date.now. */
  now?: () => number;
}

export interface SigningProxy {
  /** e.g. http://127.0.0.1:43123 */
  readonly url: string;
  readonly port: number;
  /**
   * Stop accepting. Calls in flight get their answers for `graceMs` (default: callerWaitMs, the
   * longest one call can take); then they are cut off (their callers get a 503 proxy-stopping,
   * the token request is ended) and the promise resolves once every connection is closed. Only
   * the first call's grace counts.
   */
  close(graceMs?: number): Promise<void>;
}

export async function startSigningProxy(options: SigningProxyOptions): Promise<SigningProxy> {
  const view = contractView(options.contract);
  const base = String(options.server).replace(/\/+$/, '');
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  // A warning is the proxy's own text, never a secret: it is logged as it is.
  const redactor = new ProxySecrets(
    options.appSecret,
    options.warn ?? ((message) => emit(options, `Warning: ${message}`)),
  );
  // Aborted when close() cuts off what is still in flight.
  const stopping = new AbortController();
  const tokens = tokenSource({
    view,
    server: base,
    credentials: { appKey: options.appKey, appSecret: options.appSecret },
    transport: { maxResponseBytes, timeoutMs, signal: stopping.signal },
    now: options.now ?? Date.now,
    onToken: (token) => redactor.token(token),
  });
  const upstream: Upstream = {
    view,
    base,
    appSecret: options.appSecret,
    tokens,
    timeoutMs,
    maxResponseBytes,
    securityHeaders: allSecurityHeaders(view),
  };
  const router = contractRouter(view);
  const log = (line: string) => emit(options, redactor.redact(escapeControl(line)));

  let port = 0;
  let closing = false;
  // Every call being served: close() waits for them to end once it has cut them off.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    const served = serve(req, res).finally(() => inFlight.delete(served));
    inFlight.add(served);
  });
  server.requestTimeout = REQUEST_RECEIPT_MS;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const path = (req.url ?? '').split('?')[0] ?? '';
    // A connection kept open would keep close() waiting: once it is called, an answer ends its own.
    const ending = (): Record<string, string> => (closing ? { connection: 'close' } : {});
    let code = '';
    try {
      const answer = await handle(req, gone.signal);
      reply(res, answer.status, { ...answer.headers, ...ending() }, answer.body);
    } catch (error) {
      const failure =
        error instanceof ProxyError
          ? error
          : new ProxyError('proxy-failure', 'The proxy failed: a bug. Please report it.');
      code = ` ${failure.code}`;
      // The caller's body may not have been read to its end: this connection is done.
      const close: Record<string, string> = req.complete ? ending() : { connection: 'close' };
      reply(
        res,
        failure.status,
        { 'content-type': 'application/json', [PROXY_ERROR_HEADER]: failure.code, ...close },
        redactor.redact(proxyErrorBody(failure)),
      );
      if (!req.complete) req.resume();
    }
    const ms = Math.round(performance.now() - started);
    log(`${req.method} ${path} ${res.statusCode}${code} ${ms} ms`);
  }

  async function handle(req: IncomingMessage, signal: AbortSignal) {
    const refusal = callerRefusal(req.headers, port);
    if (refusal) throw new ProxyError('caller-refused', refusal);
    const target = req.url ?? '';
    if (!target.startsWith('/') || target.startsWith('//')) {
      throw new ProxyError(
        'bad-request',
        'The request target must be a path, e.g. /batch-processing-service/v2.1/flows?action=trigger.',
      );
    }
    const mark = target.indexOf('?');
    const path = mark === -1 ? target : target.slice(0, mark);
    const method = req.method ?? 'GET';
    const body = await untilAborted(readRequestBody(req, maxRequestBytes), stopping.signal);
    const rawQuery = router.repairQuery(path, mark === -1 ? '' : target.slice(mark + 1));
    const query = [...new URLSearchParams(rawQuery)];
    const op = router.match(method, path, query);
    if (!op) {
      throw new ProxyError(
        'no-operation',
        `${method} ${path} with this query is no operation of the contract: the proxy signs only those. ` +
          'Check the path, the method and the action= value against the contract.',
      );
    }
    if ((method === 'GET' || method === 'HEAD') && body !== '') {
      throw new ProxyError(
        'bad-request',
        `A ${method} request carries no body: send it without one.`,
      );
    }
    const answer = await forward(upstream, {
      op,
      method,
      path,
      query,
      headers: req.headers,
      body,
      signal: AbortSignal.any([signal, stopping.signal]),
    });
    // The token answer is the caller's own (it signed the request); no other answer may hand
    // the proxy's secret or token to a caller, even from an upstream that echoes them.
    if (!op.signed) return answer;
    const headers = Object.fromEntries(
      Object.entries(answer.headers).map(([name, value]) => [name, redactor.redact(value)]),
    );
    return { ...answer, headers, body: redactor.redact(answer.body) };
  }

  await listen(server, options.port ?? 0);
  port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;

  /** Stop accepting; after `graceMs`, cut off what is in flight and close every connection. */
  async function shutDown(graceMs: number): Promise<void> {
    closing = true;
    const ended = new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
    });
    server.closeIdleConnections();
    const cutOff = setTimeout(() => {
      stopping.abort(stoppingError());
      // Each call answers its caller at once now (proxy-stopping); then nothing is left open.
      void Promise.allSettled([...inFlight]).then(() => server.closeAllConnections());
    }, graceMs);
    try {
      await ended;
    } finally {
      clearTimeout(cutOff);
      // A token request no caller waits for any more ends with the proxy.
      stopping.abort(stoppingError());
    }
  }

  return {
    url: `http://${PROXY_HOST}:${port}`,
    port,
    close(graceMs = callerWaitMs(timeoutMs)) {
      closed ??= shutDown(graceMs);
      return closed;
    },
  };
}

/** The security header names of every operation: none of them is taken from a caller. */
function allSecurityHeaders(view: ContractView): Set<string> {
  const names = new Set(Object.values(view.headers).map((name) => name.toLowerCase()));
  for (const op of view.operations) {
    for (const name of securityHeaderNames(op.id as never, view.document)) names.add(name);
  }
  return names;
}

function reply(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  if (res.headersSent || res.destroyed) return;
  try {
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
  } catch {
    // A header node will not send (the upstream's, passed on): answer without the upstream's.
    res.writeHead(502, {
      'content-type': 'application/json',
      [PROXY_ERROR_HEADER]: 'proxy-failure',
    });
    res.end(
      proxyErrorBody(
        new ProxyError('proxy-failure', 'The upstream sent a header the proxy cannot pass on.'),
      ),
    );
    return;
  }
  res.end(body);
}

function emit(options: SigningProxyOptions, line: string): void {
  try {
    options.log?.(line);
  } catch {
    // A failing logger must not stop the proxy from serving.
  }
}

/** A caller's path in a log line: no control character reaches the terminal. */
function escapeControl(text: string): string {
  return [...text]
    .map((c) => {
      const code = c.codePointAt(0) ?? 0;
      return code < 0x20 || (code >= 0x7f && code <= 0x9f)
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : c;
    })
    .join('');
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<void> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return Promise.reject(
      new RangeError(`port must be a whole number from 0 to 65535, not ${port}.`),
    );
  }
  return new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${PROXY_HOST} is in use: pick another --port, or 0 for a free one`
          : `cannot listen on ${PROXY_HOST}:${port} (${error.code ?? error.message})`;
      reject(new Error(`The signing proxy cannot start: ${why}.`, { cause: error }));
    };
    server.once('error', fail);
    server.listen(port, PROXY_HOST, () => {
      server.off('error', fail);
      resolve();
    });
  });
}
