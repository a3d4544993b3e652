/**
 * A small HTTP forwarder: it listens, sends each request on to one target as its routing says,
 * and streams the answer back. The mock's front (client → Prism) and the proxy's back (Prism →
 * upstream) are each one. Bodies are streamed, never held; no header or body is logged.
 */
import {
  createServer,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { InvalidOptionError, PortInUseError } from './errors.js';
import { problem, type Refusal, type Routing } from './routes.js';

export interface ForwarderOptions {
  host: string;
  port: number;
  routing: Routing;
  /** What the target is, for the answer when it does not answer: `the mock's Prism process`. */
  targetName: string;
  /**
   * `client`: keep the client's Host header (the front, in front of Prism). `target`: send the
   * target's own (the back, in front of a real server).
   */
  hostHeader: 'client' | 'target';
  /**
   * Answer a redirect of the target with 502 instead of passing it on: in the proxy, Prism
   * would follow it, with the caller's APIM headers, to wherever it points.
   */
  refuseRedirects?: boolean;
  /**
   * How long the target may send nothing, while it is asked or answers, before the forwarder
   * gives up: 504 if it has not answered yet. Default: no limit (the mock's own Prism).
   */
  idleLimitMs?: number;
}

export interface Forwarder {
  /** Where it listens, e.g. `http://127.0.0.1:4010`. */
  url: string;
  /** Sends every request from now on to this origin (`http://127.0.0.1:41234`). */
  forwardTo(origin: string): void;
  /** Stops listening, drops open connections; safe to call more than once. */
  close(): Promise<void>;
}

/** Headers of one connection, not of the message: never passed on (RFC 9110, 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'expect',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

interface Target {
  origin: URL;
  send: typeof httpRequest;
  agent: HttpAgent;
}

export async function startForwarder(options: ForwarderOptions): Promise<Forwarder> {
  let target: Target | undefined;
  const server = createServer((request, response) => {
    const route = options.routing(request.method ?? 'GET', request.url ?? '/');
    if ('refused' in route) return answer(response, route.refused);
    if (!target) {
      return answer(
        response,
        problem(
          503,
          'Service Unavailable',
          `${options.targetName} is still starting: send the request again.`,
        ),
      );
    }
    forward(request, response, route.target, target, options);
  });
  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    forwardTo(origin) {
      const url = new URL(origin);
      const https = url.protocol === 'https:';
      target?.agent.destroy();
      target = {
        origin: url,
        send: https ? httpsRequest : httpRequest,
        // Connections to the target are kept and reused: a new one per request costs more
        // than the hop itself.
        agent: https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true }),
      };
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        target?.agent.destroy();
      });
      return closing;
    },
  };
}

function forward(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  target: Target,
  options: ForwarderOptions,
): void {
  const headers = passedOn(request.headers);
  if (options.hostHeader === 'target') delete headers.host;
  const outgoing = target.send({
    protocol: target.origin.protocol,
    hostname: target.origin.hostname.replace(/^\[|\]$/g, ''),
    port: target.origin.port,
    method: request.method,
    path,
    headers,
    agent: target.agent,
  });
  outgoing.on('response', (answered) => {
    const status = answered.statusCode ?? 502;
    if (options.refuseRedirects && status >= 300 && status < 400) {
      answered.resume();
      return answer(
        response,
        problem(
          502,
          'Bad Gateway',
          `${options.targetName} answered ${status}, a redirect, which is not followed: it would carry your APIM headers elsewhere. Give the final address as the upstream.`,
        ),
      );
    }
    response.writeHead(status, answered.statusMessage, passedOn(answered.headers));
    answered.pipe(response);
    answered.on('error', () => response.destroy());
  });
  let silent = false;
  if (options.idleLimitMs !== undefined) {
    outgoing.setTimeout(options.idleLimitMs, () => {
      silent = true;
      outgoing.destroy();
    });
  }
  outgoing.on('error', (error: NodeJS.ErrnoException) => {
    if (response.headersSent) return response.destroy();
    answer(
      response,
      silent
        ? problem(
            504,
            'Gateway Timeout',
            `${options.targetName} sent nothing for ${(options.idleLimitMs ?? 0) / 1000} s.`,
          )
        : problem(
            502,
            'Bad Gateway',
            `${options.targetName} does not answer (${error.code ?? error.message}).`,
          ),
    );
  });
  // The client gave up (or its connection broke): stop the forwarded request too.
  response.on('close', () => {
    if (!response.writableFinished) outgoing.destroy();
  });
  request.on('error', () => outgoing.destroy());
  request.pipe(outgoing);
}

function passedOn(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = String(headers.connection ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase());
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && !named.includes(name)) kept[name] = value;
  }
  return kept;
}

function answer(response: ServerResponse, refusal: Refusal): void {
  response.writeHead(refusal.status, {
    'content-type': refusal.contentType,
    'content-length': Buffer.byteLength(refusal.body),
  });
  response.end(refusal.body);
}

function listen(server: ReturnType<typeof createServer>, host: string, port: number) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') return reject(new PortInUseError(host, port));
      if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
        return reject(
          new InvalidOptionError(
            `host ${JSON.stringify(host)} is not an address of this machine (${error.code}): use one it has, such as 127.0.0.1, or 0.0.0.0 for all.`,
          ),
        );
      }
      reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}
