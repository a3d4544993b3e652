/**
 * How the run speaks to the server under test: the query the contract requires, the APIM
 * token request, the signed headers, and one `send` through which every request of the run
 * outside the engine goes, so each answer is held to the rules of every answer.
 */
import { requestSignature, tokenEncryption } from '../auth/signer.js';
import type { ContractView, OperationView } from '../contract/view.js';
import { AnswerTooLargeError, NoAnswerError, readCapped, type Transport } from './limits.js';
import { tokenTimestamp } from './token-collisions.js';

export type Query = [string, string][];

export interface Identity {
  appKey: string;
  appSecret: string;
  userId: string;
  orgId: string;
}

export interface ApiRequest {
  op: OperationView;
  query: Query;
  body: string;
  headers: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  /** The Content-Type header as sent, or undefined. */
  contentType: string | undefined;
  headers: Record<string, string>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** The query parameter that names the user (--user-id). */
export const USER_PARAMETER = 'userId';
/** The query parameters the run fills from its identity (--user-id, --org-id), by name. */
export const IDENTITY_PARAMETERS: readonly string[] = [USER_PARAMETER, 'orgId'];

/** The request body's media type, with the charset the signature is computed over. */
export function requestContentType(op: OperationView): string {
  return `${op.mediaType};charset=UTF-8`;
}

/**
 * The operation's query: the values its path key fixes (`action=get`), then each parameter from
 * the run's identity when it is one, else the contract's own value for it (a fixed
 * `action=trigger`, an example).
 */
export function operationQuery(
  op: OperationView,
  identity: Pick<Identity, 'userId' | 'orgId'>,
): Query {
  const parameters = new Set(op.query.map((param) => param.name));
  const fixed = Object.entries(op.fixedQuery).filter(([name]) => !parameters.has(name));
  return [...fixed, ...parameterValues(op, identity)];
}

function parameterValues(op: OperationView, identity: Pick<Identity, 'userId' | 'orgId'>): Query {
  return op.query.flatMap((param): Query => {
    // Only these: the identity object also holds the app's secret.
    const given = IDENTITY_PARAMETERS.includes(param.name)
      ? identity[param.name as 'userId' | 'orgId']
      : undefined;
    const fixed =
      param.example ??
      (param.schema.enum as unknown[] | undefined)?.[0] ??
      param.schema.example ??
      param.schema.default;
    const value = given ?? fixed;
    // An optional parameter the contract gives no value for is left out.
    if (value === undefined && !param.required) return [];
    return [[param.name, String(value)]];
  });
}

export function queryString(query: Query): string {
  return new URLSearchParams(query).toString();
}

/**
 * What a request of the operation is sent to, below the server: its path (never its path key,
 * whose fixed query `operationQuery` carries) and the query.
 */
export function requestTarget(op: OperationView, query: Query): string {
  return query.length > 0 ? `${op.path}?${queryString(query)}` : op.path;
}

export function operationUrl(server: string, op: OperationView, query: Query): string {
  return `${server.replace(/\/+$/, '')}${requestTarget(op, query)}`;
}

/** The three APIM headers and the content type of a signed call. */
export async function signedHeaders(
  view: ContractView,
  op: OperationView,
  input: { accessToken: string; appSecret: string; query: Query; body: string; timestamp?: number },
): Promise<Record<string, string>> {
  const timestamp = input.timestamp ?? Date.now();
  const signature = await requestSignature({
    accessToken: input.accessToken,
    query: input.query,
    body: input.body,
    timestamp,
    appSecret: input.appSecret,
  });
  return {
    'content-type': requestContentType(op),
    [view.headers.accessToken]: input.accessToken,
    [view.headers.signature]: signature,
    [view.headers.timestamp]: String(timestamp),
  };
}

/**
 * A token request body: `{appKey, encryption, timestamp}` with a fresh timestamp, one no other
 * token request of this process has used (see token-collisions.ts).
 */
export async function tokenRequestBody(
  credentials: Pick<Identity, 'appKey' | 'appSecret'>,
  timestamp = tokenTimestamp(),
): Promise<string> {
  const encryption = await tokenEncryption({ ...credentials, timestamp });
  return JSON.stringify({ appKey: credentials.appKey, encryption, timestamp });
}

/**
 * Ask the token service for a token with these credentials, at `timestamp` (by default a fresh
 * one): the body sent, and the answer.
 */
export async function sendTokenRequest(
  server: string,
  view: ContractView,
  credentials: Pick<Identity, 'appKey' | 'appSecret'>,
  transport: Transport,
  timestamp?: number,
): Promise<{ body: string; answer: ApiAnswer }> {
  const op = view.token;
  const body = await tokenRequestBody(credentials, timestamp);
  const headers = { 'content-type': requestContentType(op) };
  return { body, answer: await send(server, { op, query: [], body, headers }, transport) };
}

export function triggerBody(flowId: number, triggerTime: number): string {
  return JSON.stringify({ flowId, triggerTime });
}

/**
 * Send one request, within the transport's limits. It rejects with NoAnswerError when no complete
 * answer came in time, AnswerTooLargeError when the answer is over the size limit (read up to
 * it, and no further), the run's stop reason when the run stopped, and otherwise (a network
 * failure) with a message naming the URL's origin.
 */
export async function send(
  server: string,
  request: ApiRequest,
  transport: Transport,
): Promise<ApiAnswer> {
  const url = operationUrl(server, request.op, request.query);
  const what = `${request.op.method} ${new URL(url).origin}${request.op.path}`;
  transport.signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(transport.timeoutMs);
  const signal = transport.signal ? AbortSignal.any([timeout, transport.signal]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: request.op.method,
      headers: request.headers,
      // fetch refuses a body, even an empty one, on GET and HEAD.
      body:
        ['GET', 'HEAD'].includes(request.op.method) && request.body === ''
          ? undefined
          : request.body,
      signal,
      redirect: 'manual',
    });
    text = await readCapped(response, transport.maxResponseBytes);
  } catch (error) {
    if (transport.signal?.aborted) throw transport.signal.reason;
    if (timeout.aborted) {
      transport.onAttempt?.({ timedOut: true, what });
      // This timeout may be the one that stops the run.
      if (transport.signal?.aborted) throw transport.signal.reason;
      throw new NoAnswerError(what, transport.timeoutMs);
    }
    if (error instanceof AnswerTooLargeError) {
      transport.onAttempt?.({ timedOut: false, what });
      throw error;
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`${what} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  transport.onAttempt?.({ timedOut: false, what });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? undefined,
    headers,
    text,
    json: parseJson(text),
  };
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
