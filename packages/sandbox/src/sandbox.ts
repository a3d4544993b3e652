/**
 * startSandbox: a node:http server on the sandbox's routes, with a graceful close (in-flight
 * requests get their answers, held slow answers are released, then the port is freed).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type Clock, manualClock, systemClock } from './clock.js';
import { gatewayAnswer, type SandboxContext } from './context.js';
import { contractRules } from './contract-rules.js';
import { SandboxControl } from './control.js';
import { defaultFixtures, type Fixtures, resolveFixtures } from './fixtures.js';
import { type Answer, send } from './http-io.js';
import { createRouter } from './routes.js';
import { SandboxState } from './state.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 4020;
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

export interface SandboxOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 4020; 0 picks a free port. */
  port?: number;
  /** Default: defaultFixtures. Checked whole at start (FixturesError). */
  fixtures?: Fixtures;
  /** 'system' (default), 'manual' (starts at the host's now), or a Clock of your own. */
  clock?: 'system' | 'manual' | Clock;
  /** Largest request body, in bytes; over it the gateway answers 413. Default 1 MiB. */
  bodyLimit?: number;
  /** How far a caller's timestamp may be from the host's time, either way. Default 5 min. */
  timestampWindowMs?: number;
  /** Called with one line per request (no secrets in it). Default: nothing is logged. */
  log?: (line: string) => void;
}

export interface Sandbox extends SandboxControl {
  /** e.g. http://127.0.0.1:4020 */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Stop accepting, let in-flight requests finish, release held answers; resolves once closed. */
  close(): Promise<void>;
}

/** Start a sandbox; resolves once it is listening. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? DEFAULT_HOST;
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`port must be a whole number from 0 to 65535, not ${port}.`);
  }
  const ctx: SandboxContext = {
    rules: contractRules(),
    state: new SandboxState(resolveFixtures(options.fixtures ?? defaultFixtures)),
    clock: resolveClock(options.clock),
    hostNow: Date.now,
    bodyLimit: positive(options.bodyLimit ?? DEFAULT_BODY_LIMIT, 'bodyLimit'),
    timestampWindowMs: positive(
      options.timestampWindowMs ?? DEFAULT_TIMESTAMP_WINDOW_MS,
      'timestampWindowMs',
    ),
  };
  const control = new SandboxControl(ctx.state, ctx.clock);
  const held = new Set<() => void>();
  const router = createRouter(ctx, control, (ms) => hold(ctx.clock, held, ms));
  let closing = false;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: Answer | undefined;
    try {
      answer = await router.route(req);
      if (!answer) return;
      if (closing) res.setHeader('connection', 'close');
      send(res, answer);
    } catch {
      // A bug of the sandbox must not take it down: answer as the gateway does on a failure.
      if (res.headersSent) res.destroy();
      else send(res, gatewayAnswer(ctx.rules.trigger.gateway, 500, 'the sandbox failed'));
      return;
    }
    if (options.log) logLine(options.log, req, answer);
  }

  const server = createServer((req, res) => {
    void serve(req, res);
  });
  server.on('clientError', (error, socket) => answerBrokenHttp(ctx, error, socket));
  await listen(server, port, host);
  const bound = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;

  return Object.assign(control, {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    host,
    port: bound,
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve, reject) => {
        closing = true;
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        for (const release of [...held]) release();
      });
      return closed;
    },
  });
}

/**
 * Bytes that are not HTTP never reach a route: answer them as the gateway answers a body it
 * cannot process (node's own default is a bare 400), then close the connection.
 */
function answerBrokenHttp(ctx: SandboxContext, error: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable) return;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    return;
  }
  const { body } = gatewayAnswer(ctx.rules.trigger.gateway, 400, '');
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** One line per request: method, path (no query), status, reason. Never a header or a body. */
function logLine(log: (line: string) => void, req: IncomingMessage, answer: Answer): void {
  const reason = answer.reason === undefined ? '' : ` ${answer.reason}`;
  try {
    log(`${req.method} ${req.url?.split('?')[0]} ${answer.status}${reason}`);
  } catch {
    // A failing logger must not stop the sandbox from serving.
  }
}

function resolveClock(clock: SandboxOptions['clock']): Clock {
  if (clock === undefined || clock === 'system') return systemClock();
  if (clock === 'manual') return manualClock();
  return clock;
}

function positive(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a whole number above 0, not ${value}.`);
  }
  return value;
}

/** Hold an answer for `ms` of sandbox time; close() releases every held answer at once. */
function hold(clock: Clock, held: Set<() => void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let cancel = () => {};
    const release = () => {
      held.delete(release);
      cancel();
      resolve();
    };
    held.add(release);
    cancel = clock.at(clock.now() + ms, release);
  });
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is in use: pick another port, or 0 for a free one`
          : `cannot listen on ${host}:${port} (${error.code ?? error.message})`;
      reject(new Error(`The sandbox cannot start: ${why}.`, { cause: error }));
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}
