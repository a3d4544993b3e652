/**
 * The credentials, the token and the Trigger Flow request every server is measured with.
 * Everything comes from the contract (path, query and body examples) and from the sandbox's
 * default fixtures (whose user, org and flow are the contract's examples); requests are signed
 * with a token the sandbox issued, by the client's exported hashes.
 */
import { randomInt } from 'node:crypto';
import { tokenEncryption } from '@enos-trigger/client';
import { defaultFixtures } from '@enos-trigger/sandbox';
import {
  duplicatedEncryptionError,
  findOperation,
  type OperationId,
  operationRoute,
} from '@enos-trigger/spec';
import { exchange } from './answer.js';
import { TOKEN_CODE_FIELD, TRIGGER_OPERATION, tokenRoute, triggerRoute } from './contract.js';
import {
  JSON_CONTENT_TYPE,
  type SignedRequest,
  type SigningKey,
  signCall,
} from './signed-request.js';

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
  /** The query parameters' examples: the contract's user and organization, and `action`. */
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

/**
 * The query a signed call of `operationId` sends as the example caller: each required query
 * parameter but its route's fixed query and `except`, valued as Trigger Flow's example sends it
 * (the contract's user and organization), else by the parameter's own example.
 */
export function callerQuery(
  operationId: OperationId,
  except: readonly string[] = [],
): Record<string, string> {
  const { fixedQuery } = operationRoute(operationId);
  const exampleQuery = triggerExample().query;
  return Object.fromEntries(
    (findOperation(operationId).operation.parameters ?? [])
      .filter(
        (parameter) =>
          parameter.in === 'query' &&
          parameter.required &&
          !except.includes(parameter.name) &&
          !Object.hasOwn(fixedQuery, parameter.name),
      )
      .map((parameter) => [
        parameter.name,
        exampleQuery[parameter.name] ?? String(parameter.example),
      ]),
  );
}

/**
 * The sandbox's default flows that the contract's example user may trigger: owned by that user
 * (not locked), with tasks, not locked. A mix of triggers spreads over them.
 */
export function triggerableFlowIds(): number[] {
  const { userId } = triggerExample().query;
  const user = defaultFixtures.users.find((candidate) => candidate.userId === userId);
  const flowIds = user?.locked
    ? []
    : defaultFixtures.flows
        .filter((flow) => flow.owner === userId && flow.hasTasks && !flow.locked)
        .map((flow) => flow.flowId);
  if (flowIds.length === 0) {
    throw new Error(
      `The sandbox's default fixtures have no flow that the contract's example user "${userId}" may trigger: the bench needs one.`,
    );
  }
  return flowIds;
}

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
    const answer = await exchange(new URL(tokenRoute.path, baseUrl), {
      method: tokenRoute.method,
      headers: { 'content-type': JSON_CONTENT_TYPE },
      body: JSON.stringify({ appKey: credentials.appKey, encryption, timestamp }),
    });
    const code = answer.body?.[TOKEN_CODE_FIELD];
    const token = (answer.body?.data as { accessToken?: unknown } | undefined)?.accessToken;
    if (answer.status === 200 && code === 0 && typeof token === 'string') return token;
    if (code !== collision.code || attempt >= TOKEN_ATTEMPTS) {
      const why =
        code === collision.code
          ? `: ${attempt} token requests refused as ${collision.summary} (another process with this app key used the same millisecond; run again)`
          : '';
      throw new Error(`${baseUrl} gave no access token (HTTP ${answer.status})${why}.`);
    }
    step = randomInt(1, 101);
  }
}

/** A token of the sandbox at `sandboxUrl`, with the secret of its default application. */
export async function sandboxSigningKey(sandboxUrl: string): Promise<SigningKey> {
  const credentials = sandboxCredentials();
  const accessToken = await fetchAccessToken(sandboxUrl, credentials);
  return { accessToken, appSecret: credentials.appSecret };
}

/** The Trigger Flow example, signed once. */
export function signedTriggerRequest(key: SigningKey): Promise<SignedRequest> {
  const { query, body } = triggerExample();
  return signCall(TRIGGER_OPERATION, query, body, key);
}
