/** Authenticated requests to a real server (the sandbox), signed as EnOS APIM requires. */
import { findOperation, type OperationId, operationRoute } from '@enos-trigger/spec';
import { requestSignature, tokenEncryption } from './apim-signing.js';
import { type ContractRequest, exampleRequest, send } from './requests.js';

export interface App {
  appKey: string;
  appSecret: string;
}

/** The token request for `app`, as the contract describes it. */
export function tokenRequest(app: App, timestamp = Date.now()): ContractRequest {
  const encryption = tokenEncryption(app.appKey, timestamp, app.appSecret);
  return {
    ...exampleRequest('getAccessToken'),
    body: JSON.stringify({ appKey: app.appKey, encryption, timestamp }),
  };
}

export async function accessToken(baseUrl: string, app: App): Promise<string> {
  const answer = await send(baseUrl, tokenRequest(app));
  const token = (answer.json as { data?: { accessToken?: string } } | undefined)?.data?.accessToken;
  if (!token) throw new Error(`no access token: ${answer.status} ${answer.text}`);
  return token;
}

export interface Trigger {
  userId: string;
  orgId: string;
  /** The raw body, exactly as it will be signed and sent. */
  body: string;
}

/** A trigger request signed over its query and its raw body. */
export function signedTrigger(app: App, token: string, trigger: Trigger): ContractRequest {
  const { path } = findOperation('triggerFlow');
  const query = { action: 'trigger', userId: trigger.userId, orgId: trigger.orgId };
  const timestamp = Date.now();
  const signature = requestSignature(token, query, trigger.body, timestamp, app.appSecret);
  return {
    method: 'POST',
    path,
    query,
    headers: {
      'content-type': 'application/json;charset=UTF-8',
      'apim-accesstoken': token,
      'apim-signature': signature,
      'apim-timestamp': String(timestamp),
    },
    body: trigger.body,
  };
}

/**
 * A signed call of any operation: its method, path and fixed query from the contract, then
 * `query`; `body` as compact JSON when given.
 */
export function signedCall(
  app: App,
  token: string,
  operationId: OperationId,
  call: { query: Record<string, string>; body?: unknown },
): ContractRequest {
  const { method, path, fixedQuery } = operationRoute(operationId);
  const query = { ...fixedQuery, ...call.query };
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  const timestamp = Date.now();
  const headers: Record<string, string> = {
    'apim-accesstoken': token,
    'apim-signature': requestSignature(token, query, body, timestamp, app.appSecret),
    'apim-timestamp': String(timestamp),
  };
  if (call.body !== undefined) headers['content-type'] = 'application/json;charset=UTF-8';
  return { method, path, query, headers, ...(call.body === undefined ? {} : { body }) };
}
