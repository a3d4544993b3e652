/**
 * The documented APIM algorithm, written again for the tests (not imported from the sandbox, so
 * a mistake in one is caught by the other), and helpers to call a sandbox as a client would.
 */
import { createHash } from 'node:crypto';
import { type OperationId, operationRoute } from '@enos-trigger/spec';
import { type RawResponse, send } from './http.js';

export const APP = { appKey: 'sandbox-app-key', appSecret: 'sandbox-app-secret' };
export const TOKEN_PATH = '/apim-token-service/v2.0/token/get';
export const FLOWS_PATH = '/batch-processing-service/v2.1/flows';
export const OWNER = { userId: 'sandbox-user', orgId: 'sandbox-org' };

export function encryption(appKey: string, timestamp: number, appSecret: string): string {
  return createHash('sha256').update(`${appKey}${timestamp}${appSecret}`, 'utf8').digest('hex');
}

export function signature(
  accessToken: string,
  query: [string, string][],
  body: string | Buffer,
  timestamp: string,
  appSecret: string,
): string {
  const sorted = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256')
    .update(accessToken + sorted.map(([k, v]) => k + v).join(''), 'utf8')
    .update(body)
    .update(timestamp + appSecret, 'utf8')
    .digest('hex');
}

/** A timestamp near now that no other call of this process used: no accidental replay. */
let lastStamp = 0;
export function freshStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

export function tokenBody(
  timestamp = freshStamp(),
  app: { appKey: string; appSecret: string } = APP,
): string {
  return JSON.stringify({
    appKey: app.appKey,
    encryption: encryption(app.appKey, timestamp, app.appSecret),
    timestamp,
  });
}

export function requestToken(baseUrl: string, body: string): Promise<RawResponse> {
  return send(baseUrl, {
    path: TOKEN_PATH,
    headers: { 'content-type': 'application/json' },
    body,
  });
}

/** An access token of the app. */
export async function getToken(
  baseUrl: string,
  app: { appKey: string; appSecret: string } = APP,
): Promise<string> {
  const res = await requestToken(baseUrl, tokenBody(freshStamp(), app));
  const token = (res.json as { data?: { accessToken?: string } }).data?.accessToken;
  if (!token) throw new Error(`no token: ${res.text}`);
  return token;
}

export interface TriggerCall {
  token: string;
  body: string | Buffer;
  query?: [string, string][];
  appSecret?: string;
  timestamp?: string;
  contentType?: string;
  /** Change something after signing (to test that the signature covers it). */
  tamper?: (call: { path: string; body: string | Buffer; headers: Record<string, string> }) => void;
}

export function triggerQuery(userId = OWNER.userId, orgId = OWNER.orgId): [string, string][] {
  return [
    ['action', 'trigger'],
    ['userId', userId],
    ['orgId', orgId],
  ];
}

export function signedTrigger(baseUrl: string, call: TriggerCall): Promise<RawResponse> {
  const query = call.query ?? triggerQuery();
  const timestamp = call.timestamp ?? String(Date.now());
  const headers: Record<string, string> = {
    'content-type': call.contentType ?? 'application/json;charset=UTF-8',
    'apim-accesstoken': call.token,
    'apim-timestamp': timestamp,
    'apim-signature': signature(
      call.token,
      query,
      call.body,
      timestamp,
      call.appSecret ?? APP.appSecret,
    ),
  };
  const search = new URLSearchParams(query).toString();
  const request = { path: `${FLOWS_PATH}${search ? `?${search}` : ''}`, body: call.body, headers };
  call.tamper?.(request);
  return send(baseUrl, request);
}

/** Trigger `flowId` at `triggerTime` as the owner, and the answer's envelope. */
export async function trigger(
  baseUrl: string,
  token: string,
  flowId: number | string,
  triggerTime: number,
  userId = OWNER.userId,
): Promise<RawResponse> {
  return signedTrigger(baseUrl, {
    token,
    body: JSON.stringify({ flowId, triggerTime }),
    query: triggerQuery(userId),
  });
}

export function envelope(res: RawResponse): { code: number; msg: string; data: unknown } {
  return res.json as { code: number; msg: string; data: unknown };
}

/**
 * A signed call of a contract operation as the owner (or `userId`): its method, path and fixed
 * query from the contract, then `userId` and `orgId`, then `query`; `body` as JSON when given.
 */
export function callOperation(
  baseUrl: string,
  token: string,
  operationId: OperationId,
  call: { query?: [string, string][]; body?: unknown; userId?: string; orgId?: string } = {},
): Promise<RawResponse> {
  const { method, path, fixedQuery } = operationRoute(operationId);
  const query: [string, string][] = [
    ...Object.entries(fixedQuery),
    ['userId', call.userId ?? OWNER.userId],
    ['orgId', call.orgId ?? OWNER.orgId],
    ...(call.query ?? []),
  ];
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  const timestamp = String(Date.now());
  const headers: Record<string, string> = {
    'apim-accesstoken': token,
    'apim-timestamp': timestamp,
    'apim-signature': signature(token, query, body, timestamp, APP.appSecret),
  };
  if (call.body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
  const search = new URLSearchParams(query).toString();
  return send(baseUrl, {
    method,
    path: `${path}?${search}`,
    headers,
    ...(call.body === undefined ? {} : { body }),
  });
}
