/** Authenticated requests to a real server (the sandbox), signed as EnOS APIM requires. */
import { findOperation } from '@enos-trigger/spec';
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
