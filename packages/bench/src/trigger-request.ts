/**
 * The one valid, signed Trigger Flow request every server is measured with. Everything comes
 * from the contract (path, query and body examples) and from the sandbox's default fixtures
 * (whose user, org and flow are the contract's examples); it is signed once, with a token the
 * sandbox issued, by the client's exported hashes.
 */
import { randomInt } from 'node:crypto';
import { requestSignature, tokenEncryption } from '@enos-trigger/client';
import { defaultFixtures } from '@enos-trigger/sandbox';
import { duplicatedEncryptionError, findOperation } from '@enos-trigger/spec';
import {
  signedHeaders,
  TOKEN_CODE_FIELD,
  TRIGGER_OPERATION,
  tokenRoute,
  triggerRoute,
} from './contract.js';

export interface Credentials {
  appKey: string;
  appSecret: string;
}

/** The sandbox's default application: the bench runs only against local servers. */
export function sandboxCredentials(): Credentials {
  const [app] = defaultFixtures.apps;
  if (!app) throw new Error('@enos-trigger/sandbox has no default application.');
  return { appKey: app.appKey, appSecret: app.appSecret };
}

export interface TriggerExample {
  method: string;
  path: string;
  query: Record<string, string>;
  body: string;
}

/** Trigger Flow's method, path, query and body, as the contract's examples give them. */
export function triggerExample(): TriggerExample {
  const { operation } = findOperation(TRIGGER_OPERATION);
  const { method, path } = triggerRoute;
  const query = Object.fromEntries(
    (operation.parameters ?? [])
      .filter((parameter) => parameter.in === 'query')
      .map((parameter) => [parameter.name, String(parameter.example)]),
  );
  const example = operation.requestBody?.content['application/json']?.example;
  if (example === undefined) {
    throw new Error(`The contract's ${TRIGGER_OPERATION} has no request body example.`);
  }
  return { method, path, query, body: JSON.stringify(example) };
}

const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** Token requests in all, the first included, before a collision is reported. */
const TOKEN_ATTEMPTS = 4;
let lastTimestamp = 0;

/**
 * Ask `baseUrl`'s token service for an access token, as the contract says. The service accepts
 * an `encryption` once, and two processes with one app key that ask in the same millisecond (the
 * bench's and a server's own client, say) send the same one: the second gets the contract's
 * duplicatedEncryption though its credentials are right. A token request starts nothing, so it
 * is asked again with a new timestamp: later than the last, a random step further.
 */
export async function fetchAccessToken(baseUrl: string, credentials: Credentials): Promise<string> {
  const collision = duplicatedEncryptionError();
  let step = 0;
  for (let attempt = 1; ; attempt += 1) {
    lastTimestamp = Math.max(Date.now(), lastTimestamp + 1) + step;
    const timestamp = lastTimestamp;
    const encryption = await tokenEncryption({ ...credentials, timestamp });
    const response = await fetch(new URL(tokenRoute.path, baseUrl), {
      method: tokenRoute.method,
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: JSON.stringify({ appKey: credentials.appKey, encryption, timestamp }),
    });
    const answer = (await response.json()) as Record<string, unknown> & {
      data?: { accessToken?: string };
    };
    const code = answer[TOKEN_CODE_FIELD];
    const token = answer.data?.accessToken;
    if (response.ok && code === 0 && typeof token === 'string') return token;
    if (code !== collision.code || attempt >= TOKEN_ATTEMPTS) {
      const why =
        code === collision.code
          ? `: ${attempt} token requests refused as ${collision.summary} (another process with this app key used the same millisecond; run again)`
          : '';
      throw new Error(`${baseUrl} gave no access token (HTTP ${response.status})${why}.`);
    }
    step = randomInt(1, 101);
  }
}

export interface SignedRequest {
  method: string;
  /** Path and query string, to append to a server's URL. */
  target: string;
  headers: Record<string, string>;
  body: string;
}

/** The Trigger Flow example, signed once with a token of `sandboxUrl`. */
export async function signedTriggerRequest(sandboxUrl: string): Promise<SignedRequest> {
  const credentials = sandboxCredentials();
  const accessToken = await fetchAccessToken(sandboxUrl, credentials);
  const { method, path, query, body } = triggerExample();
  const timestamp = Date.now();
  const signature = await requestSignature({
    accessToken,
    query,
    body,
    timestamp,
    appSecret: credentials.appSecret,
  });
  return {
    method,
    target: `${path}?${new URLSearchParams(query)}`,
    headers: {
      'content-type': JSON_CONTENT_TYPE,
      ...signedHeaders({ accessToken, signature, timestamp }),
    },
    body,
  };
}
