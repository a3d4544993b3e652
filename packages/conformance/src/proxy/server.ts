/**
 * startSigningProxy: a node:http server on 127.0.0.1 that forwards each call of the contract's
 * operations to the upstream, signed (forward.ts). Whatever a caller or the upstream does, it
 * answers, with the upstream's answer or its own documented error (errors.ts), and keeps
 * serving. It logs one line per call, never a header, a query or a body; the app secret and
 * every token it got are redacted from each line as a second guard.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { securityHeaderNames } from '@enos-trigger/spec';
import { type ContractView, contractView } from '../contract/view.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '../http/limits.js';
import { Redactor } from '../results/redact.js';
import { callerRefusal } from './caller.js';
import { PROXY_ERROR_HEADER, ProxyError, proxyErrorBody } from './errors.js';
import { forward, type Upstream } from './forward.js';
import { readRequestBody } from './request-body.js';
import { contractRouter } from './route.js';
import { tokenSource } from './token.js';

/** The host the proxy listens on: this machine only (see caller.ts). */
export const PROXY_HOST = '127.0.0.1';
/** The largest request body the proxy takes: 1 MiB, the gateway's own limit. */
export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
/** How long a caller may take to send a whole request. */
const REQUEST_RECEIPT_MS = 60_000;

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
  /** The clock of token lifetimes; default Date.now. */
  now?: () => number;
}

export interface SigningProxy {
  /** e.g. http://127.0.0.1:43123 */
  readonly url: string;
  readonly port: number;
  /** Stop accepting; calls in flight get their answers (each within the upstream wait). */
  close(): Promise<void>;
}

export async function startSigningProxy(options: SigningProxyOptions): Promise<SigningProxy> {
  const view = contractView(options.contract);
  const base = String(options.server).replace(/\/+$/, '');
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const redactor = new Redactor();
  redactor.add(options.appSecret);
  const stopping = new AbortController();
  const tokens = tokenSource({
    view,
    server: base,
    credentials: { appKey: options.appKey, appSecret: options.appSecret },
    transport: { maxResponseBytes, timeoutMs, signal: stopping.signal },
    now: options.now ?? Date.now,
    onToken: (token) => redactor.add(token),
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
  const log = (line: string) => {
    try {
      options.log?.(redactor.redact(escapeControl(line)));
    } catch {
      // A failing logger must not stop the proxy from serving.
    }
  };

  let port = 0;
  const server = createServer((req, res) => {
    void serve(req, res);
  });
  server.requestTimeout = REQUEST_RECEIPT_MS;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const gone = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const path = (req.url ?? '').split('?')[0] ?? '';
    let code = '';
    try {
      const answer = await handle(req, gone.signal);
      reply(res, answer.status, answer.headers, answer.body);
    } catch (error) {
      const failure =
        error instanceof ProxyError
          ? error
          : new ProxyError('proxy-failure', 'The proxy failed: a bug. Please report it.');
      code = ` ${failure.code}`;
      // The caller's body may not have been read to its end: this connection is done.
      const close: Record<string, string> = req.complete ? {} : { connection: 'close' };
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
    const body = await readRequestBody(req, maxRequestBytes);
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
  return {
    url: `http://${PROXY_HOST}:${port}`,
    port,
    close() {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      });
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
