/**
 * A small APIM-like server for what the sandbox does not do on purpose: answer whatever a test
 * scripts (every catalog example, answers outside the contract, secrets echoed back, endless
 * bodies). It still checks the token request's `encryption` and every call's signature,
 * computed here with node:crypto, independently of the client's WebCrypto code.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { findOperation, type OperationId } from '@enos-trigger/spec';

export const SCRIPT_APP = { appKey: 'script-app-key', appSecret: 'script-app-secret' } as const;

/** The value of a named example of an operation's 200 answer, as the contract writes it. */
export function exampleValue(operationId: OperationId, name: string): unknown {
  return findOperation(operationId).operation.responses['200']?.content?.['application/json']
    ?.examples?.[name]?.value;
}

/** The request an answer is for, for answers that echo it. */
export interface ScriptedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A body written lazily, chunk by chunk, only as fast as the client reads (or one chunk every
 * `intervalMs`), until `bytes` are written or the client hangs up: gigabytes cost nothing.
 */
export interface StreamedBody {
  bytes: number;
  /** Default 64 KiB. */
  chunkBytes?: number;
  /** Wait this long between chunks. Default: only for the client to read. */
  intervalMs?: number;
  /** Announce the length (`Content-Length`); otherwise the body is chunked. Default true. */
  contentLength?: boolean;
}

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON, a string as it is; a function makes it from the request. */
  body?: unknown;
  /** Stream this body (JSON whitespace) instead of `body`. */
  stream?: StreamedBody;
  /** Reset the connection instead of answering, once the request has arrived. */
  reset?: boolean;
  /** Answer this many milliseconds after the request has arrived. */
  delayMs?: number;
}

export interface ScriptServer {
  url: string;
  /** Answers of the next trigger calls that pass authentication, in order. Default: success. */
  triggerAnswers: ScriptedAnswer[];
  /** Answers of the next token calls, in order, before any check. Default: a checked token. */
  tokenAnswers: ScriptedAnswer[];
  /** Every token request's and every trigger request's arrival. */
  readonly log: { path: string; accessToken?: string; body: string }[];
  /** Tokens issued so far, in order. */
  readonly issued: string[];
  /** Bytes written of each streamed body, settled when it ended or the client hung up. */
  readonly streamed: Promise<number>[];
  /** Make every token issued so far unknown, as if expired: the next calls get 401. */
  expireTokens(): void;
  /** Forget the scripted answers left and the log: what each test starts from. */
  reset(): void;
  close(): Promise<void>;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Write `stream` lazily: never more than one chunk ahead of the socket. */
function streamBody(res: ServerResponse, stream: StreamedBody): Promise<number> {
  const { bytes, chunkBytes = 65_536, intervalMs } = stream;
  const chunk = Buffer.alloc(chunkBytes, ' ');
  let written = 0;
  let closed = false;
  const done = new Promise<number>((resolve) =>
    res.on('close', () => {
      closed = true;
      resolve(written);
    }),
  );
  const pump = (): void => {
    while (!closed && written < bytes) {
      const size = Math.min(chunkBytes, bytes - written);
      written += size;
      const more = res.write(chunk.subarray(0, size));
      if (intervalMs !== undefined) {
        setTimeout(pump, intervalMs);
        return;
      }
      if (!more) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
  return done;
}

function reply(
  res: ServerResponse,
  answer: ScriptedAnswer,
  request: ScriptedRequest,
  streamed: Promise<number>[],
): void {
  if (answer.reset) {
    res.socket?.destroy();
    return;
  }
  const headers = { 'content-type': 'application/json', ...answer.headers };
  if (answer.stream) {
    const { bytes, contentLength = true } = answer.stream;
    res.writeHead(answer.status ?? 200, {
      ...headers,
      ...(contentLength ? { 'content-length': String(bytes) } : {}),
    });
    streamed.push(streamBody(res, answer.stream));
    return;
  }
  const value = typeof answer.body === 'function' ? answer.body(request) : answer.body;
  const body = typeof value === 'string' ? value : JSON.stringify(value ?? {});
  res.writeHead(answer.status ?? 200, headers);
  res.end(body);
}

export async function startScriptServer(): Promise<ScriptServer> {
  const valid = new Set<string>();
  const server: ScriptServer = {
    url: '',
    triggerAnswers: [],
    tokenAnswers: [],
    log: [],
    issued: [],
    streamed: [],
    expireTokens: () => valid.clear(),
    reset() {
      server.triggerAnswers.length = 0;
      server.tokenAnswers.length = 0;
      server.log.length = 0;
    },
    close: () => new Promise((resolve) => http.close(() => resolve())),
  };

  function token(body: string): ScriptedAnswer {
    const scripted = server.tokenAnswers.shift();
    if (scripted) return scripted;
    const { appKey, encryption, timestamp } = JSON.parse(body);
    if (encryption !== sha256(`${appKey}${timestamp}${SCRIPT_APP.appSecret}`)) {
      return { body: { status: 1003, msg: 'Invalid encryption.', data: null } };
    }
    const accessToken = randomUUID();
    valid.add(accessToken);
    server.issued.push(accessToken);
    return {
      body: {
        status: 0,
        msg: 'SUCCESS',
        business: 'apim-token-service',
        data: { accessToken, expire: 7200 },
      },
    };
  }

  function trigger(req: IncomingMessage, body: string): ScriptedAnswer {
    const url = new URL(req.url ?? '/', 'http://script');
    const accessToken = String(req.headers['apim-accesstoken']);
    const timestamp = String(req.headers['apim-timestamp']);
    const query = [...url.searchParams]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => key + value)
      .join('');
    const expected = sha256(accessToken + query + body + timestamp + SCRIPT_APP.appSecret);
    if (!valid.has(accessToken) || req.headers['apim-signature'] !== expected) {
      return { status: 401, body: { message: 'Invalid authentication credentials' } };
    }
    const scripted = server.triggerAnswers.shift();
    if (scripted) return scripted;
    const { flowId } = JSON.parse(body);
    return { body: { code: 0, msg: 'OK', data: { flowInstanceId: `${flowId}-20191122012300` } } };
  }

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = new URL(req.url ?? '/', 'http://script').pathname;
      const accessToken = req.headers['apim-accesstoken'] as string | undefined;
      server.log.push({ path, accessToken, body });
      const answer = path.endsWith('/token/get') ? token(body) : trigger(req, body);
      const send = () => reply(res, answer, { headers: req.headers, body }, server.streamed);
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return server;
}
