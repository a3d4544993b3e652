/**
 * startSandbox: a node:http server on the sandbox's routes, with a graceful close (in-flight
 * requests get their answers, held slow answers are released, then the port is freed).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { type Clock, manualClock, systemClock } from './clock.js';
import { gatewayAnswer, type SandboxContext } from './context.js';
import { contractRules } from './contract-rules.js';
import { SandboxControl } from './control.js';
import { defaultFixtures, type Fixtures, resolveFixtures } from './fixtures.js';
import { type Answer, drainLimitFor, escapeForLog, send } from './http-io.js';
import { instanceViewer } from './instance-view.js';
import { createRouter } from './routes.js';
import { DEFAULT_TIME_ZONE, serverTimeZone } from './server-time.js';
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
  /**
   * The server's time zone, in which instances' string times are written and read: `UTC`,
   * `GMT+8`, `UTC-05:30` or an IANA name such as `Asia/Shanghai`. Default UTC (inferred: see
   * the contract's ServerTime).
   */
  timeZone?: string;
  /**
   * Called with one line per request (no secrets in it; control characters from the request
   * escaped). Default: nothing is logged.
   */
  log?: (line: string) => void;
  /**
   * Host names the control API answers to besides localhost, *.localhost and IP addresses, e.g. a
   * Docker service name. A call addressed to any other name is refused (DNS rebinding). The name
   * given as `host` is always one.
   */
  allowedHosts?: readonly string[];
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
  const bodyLimit = positive(options.bodyLimit ?? DEFAULT_BODY_LIMIT, 'bodyLimit');
  const timeZone = serverTimeZone(options.timeZone ?? DEFAULT_TIME_ZONE);
  const ctx: SandboxContext = {
    rules: contractRules(),
    state: new SandboxState(resolveFixtures(options.fixtures ?? defaultFixtures)),
    clock: resolveClock(options.clock),
    timeZone,
    viewer: instanceViewer(timeZone),
    hostNow: Date.now,
    bodyLimit,
    timestampWindowMs: positive(
      options.timestampWindowMs ?? DEFAULT_TIMESTAMP_WINDOW_MS,
      'timestampWindowMs',
    ),
    drainLimit: drainLimitFor(bodyLimit),
    controlHosts: hostNames(options.allowedHosts ?? [], host),
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
      // A request whose body was not read to its end (over the drain limit) ends the connection.
      if (closing || !req.complete) res.setHeader('connection', 'close');
      send(res, answer);
    } catch {
      // A bug of the sandbox must not take it down: answer as the gateway does on a failure.
      if (res.headersSent) res.destroy();
      else send(res, gatewayAnswer(ctx.rules.gateway, 500, 'the sandbox failed'));
      return;
    }
    if (options.log) logLine(options.log, req, answer);
  }

  // The two latest answers of each connection, to answer bytes that are not HTTP in turn.
  const latest = new WeakMap<Socket, Latest>();
  const server = createServer((req, res) => {
    const seen = latest.get(req.socket);
    if (seen) {
      seen.before = seen.last;
      seen.last = res;
    } else latest.set(req.socket, { last: res, before: undefined });
    void serve(req, res);
  });
  const broken = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (broken.has(socket)) return; // more bytes after the first that were not HTTP
    broken.add(socket);
    const pending = pendingAnswer(latest.get(socket as Socket));
    if (pending) pending.once('close', () => answerBrokenHttp(ctx, error, socket));
    else answerBrokenHttp(ctx, error, socket);
  });
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

interface Latest {
  last: ServerResponse;
  before: ServerResponse | undefined;
}

/**
 * The answer still due to the last complete request of a connection, if any. Bytes that are not
 * HTTP can only follow complete requests (and cut short at most the last one, which then gets
 * no answer); node writes a connection's answers in order, so once that one is written, so are
 * all those before it.
 */
function pendingAnswer(seen: Latest | undefined): ServerResponse | undefined {
  if (!seen) return undefined;
  const res = seen.last.req.complete ? seen.last : seen.before;
  return res && !res.writableFinished && !res.destroyed ? res : undefined;
}

/**
 * Bytes that are not HTTP never reach a route: answer them as the gateway answers a body it
 * cannot process (node's own default is a bare 400), then close the connection. Requests that
 * came complete before them are answered first (see pendingAnswer).
 */
function answerBrokenHttp(ctx: SandboxContext, error: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable) return;
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    return;
  }
  const { body } = gatewayAnswer(ctx.rules.gateway, 400, '');
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * One line per request: method, path (no query), status, reason. Never a header or a body. The
 * path and the reason may quote the caller (a userId): their control characters are escaped, so
 * a caller cannot forge a line or send escape sequences to the terminal.
 */
function logLine(log: (line: string) => void, req: IncomingMessage, answer: Answer): void {
  const reason = answer.reason === undefined ? '' : ` ${answer.reason}`;
  try {
    log(escapeForLog(`${req.method} ${req.url?.split('?')[0]} ${answer.status}${reason}`));
  } catch {
    // A failing logger must not stop the sandbox from serving.
  }
}

function resolveClock(clock: SandboxOptions['clock']): Clock {
  if (clock === undefined || clock === 'system') return systemClock();
  if (clock === 'manual') return manualClock();
  return clock;
}

/** A host name as `allowedHosts` and --allowed-host take it: letters, digits, dots, hyphens. */
export const HOST_NAME = /^[A-Za-z0-9._-]+$/;

/** `allowedHosts` and the listen host when it is a name, lowercase, without a trailing dot. */
function hostNames(allowed: readonly string[], host: string): Set<string> {
  for (const name of allowed) {
    if (typeof name !== 'string' || !HOST_NAME.test(name)) {
      throw new RangeError(
        `allowedHosts must hold host names (letters, digits, dots, hyphens), not ${JSON.stringify(name)}.`,
      );
    }
  }
  const names = HOST_NAME.test(host) ? [...allowed, host] : allowed;
  return new Set(names.map((name) => name.toLowerCase().replace(/\.$/, '')));
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
