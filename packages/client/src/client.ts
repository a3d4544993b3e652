/**
 * The Trigger Flow client: it composes the one transport (transport.ts), the token request
 * and the scrub, and adds `triggerFlow`, a thin typed wrapper over the
 * transport's `send` with the operation's business rules: its arguments, the same-minute 62102
 * on a retry, an instance of another flow (interpret.ts). Dependencies run one way: this module
 * imports the others; none imports it but raw.ts, for a type.
 */
import { tokenEncryption } from './auth.js';
import type { TriggerFlowFailure } from './failures.js';
import { TriggerFlowError } from './failures.js';
import {
  duplicatedEncryptionCode,
  getAccessTokenErrorCodes,
  getAccessTokenRoute,
  triggerFlowRoute,
} from './generated/contract.js';
import { invalidArgument, misfit, readAnswer, resultOf, thrownFailure } from './interpret.js';
import { type RetryOptions, retryPolicy } from './retry.js';
import { createScrub } from './scrub.js';
import { sleep } from './signals.js';
import { collisionStep, TOKEN_ATTEMPTS } from './token-collision.js';
import { type AccessToken, createTokenSource } from './token-source.js';
import { createTransport, deadline, type Progress } from './transport.js';
import type {
  OperationBody,
  OperationQuery,
  TriggerFlowResult,
  TriggerFlowSuccess,
} from './types.js';

export type { TriggerFlowResult, TriggerFlowSuccess };

export interface TriggerFlowClientOptions {
  /** The API gateway's URL, such as `https://apigw.example.com`. */
  baseUrl: string;
  /** The application's access key (EnOS Console, Application Registration). */
  appKey: string;
  /** The application's secret key. It never leaves this client except inside a hash. */
  appSecret: string;
  /**
   * The default user of every trigger: the workflow's owner. Without it, each call must give
   * its own `userId` (a type error where the types can tell; `invalid-argument` at run time).
   */
  userId?: string;
  /** The default organization of every trigger; without it, each call must give `orgId`. */
  orgId?: string;
  /**
   * The default time limit of one call, token request and retries included, in ms: 1 to
   * 2147483647. Default 30000.
   */
  timeoutMs?: number;
  /**
   * The most bytes of an answer's body the client reads (the trigger's and the token
   * request's); a longer one is an `unexpected-response`. Default 1048576 (1 MiB).
   */
  maxResponseBytes?: number;
  /** Retries of what provably did not reach the service; `false` turns them off. */
  retry?: RetryOptions | false;
  /** A fetch to use instead of the global one (a proxy agent, a test double). */
  fetch?: (request: Request) => Promise<Response>;
  /** The clock, in epoch milliseconds: for tests, and for hosts whose clock drifts. */
  now?: () => number;
}

export interface TriggerFlowInput {
  /** The workflow ID: an integer, as in the contract. */
  flowId: number;
  /** When to trigger: a Date or epoch milliseconds. Default now. */
  triggerTime?: Date | number;
  /** The user; default the client's. Required when the client has none. */
  userId?: string;
  /** The organization; default the client's. Required when the client has none. */
  orgId?: string;
  /** Ends the call early; it then fails with kind `aborted`. */
  signal?: AbortSignal;
  /** This call's time limit; default the client's `timeoutMs`. */
  timeoutMs?: number;
}

/** The fields of a call that a client may hold a default for. */
export type ClientDefault = 'userId' | 'orgId';

/**
 * The input of a call to a client created without a default for `Needs` (`userId`, `orgId` or
 * both): those fields are then required. `TriggerFlowCallInput<never>` is `TriggerFlowInput`.
 */
export type TriggerFlowCallInput<Needs extends ClientDefault = never> = TriggerFlowInput &
  Required<Pick<TriggerFlowInput, Needs>>;

/**
 * `Name` when the options' type says there is no default (the field is left out, or
 * `undefined`); never when it is a string, or when the type cannot tell (`string | undefined`).
 */
type Missing<Value, Name extends ClientDefault> = [Value] extends [undefined] ? Name : never;

/**
 * A client. `Needs` names the fields it has no default for, which every call must then give:
 * `userId`, `orgId`, both, or none (`never`, the default).
 */
export interface TriggerFlowClient<Needs extends ClientDefault = never> {
  /** Trigger a workflow once. Never throws: every failure is a typed `{ ok: false, error }`. */
  triggerFlow(input: TriggerFlowCallInput<Needs>): Promise<TriggerFlowResult>;
  /**
   * The authenticated transport as a fetch: signs, refreshes the token on a 401, retries what
   * provably did not reach the service. For your own fetch layer, or `createRawClient`.
   * No deadline of its own: give the request a `signal`.
   */
  fetch(request: Request): Promise<Response>;
  baseUrl: string;
}

/** The query the wrapper gives: the operation's own, less its fixed values (the route's). */
type TriggerQuery = Omit<OperationQuery<'triggerFlow'>, 'action'>;
type TriggerBody = OperationBody<'triggerFlow'>;

/**
 * Create a client. Throws a TypeError at once, naming the option, when baseUrl, appKey,
 * appSecret, userId, orgId, timeoutMs or maxResponseBytes is unusable: a configuration mistake
 * is not the failure of a call. Created without a `userId` or `orgId`, its calls must give them.
 */
export function createTriggerFlowClient<
  UserId extends string | undefined = undefined,
  OrgId extends string | undefined = undefined,
>(
  options: TriggerFlowClientOptions & { userId?: UserId; orgId?: OrgId },
): TriggerFlowClient<Missing<UserId, 'userId'> | Missing<OrgId, 'orgId'>> {
  const {
    baseUrl,
    appKey,
    appSecret,
    timeoutMs = 30_000,
    maxResponseBytes = 1_048_576,
    now = Date.now,
  } = options;
  const wrong =
    misfit({ baseUrl, appKey, appSecret, timeoutMs, maxResponseBytes }) ??
    misfit({ userId: options.userId, orgId: options.orgId }, true);
  if (wrong) throw new TypeError(`createTriggerFlowClient: ${wrong[1]}`);
  const root = baseUrl.replace(/\/$/, '');
  const custom = options.fetch;
  /** What must never show in a failure or a result: the secret, and every token received. */
  const { scrub, keep } = createScrub(appSecret);
  /** An answer's body, capped; `flowId` for the trigger's. */
  const read = (response: Response, flowId?: number) =>
    readAnswer(response, maxResponseBytes, flowId);
  let lastTimestamp = 0;
  /**
   * The one shared token request: `getAccessToken` through the transport (a public operation,
   * not signed), with its own time limit. A collision with another process (token-collision.ts)
   * is asked again with a new timestamp, up to TOKEN_ATTEMPTS requests in all.
   */
  async function fetchToken(): Promise<AccessToken> {
    const signal = deadline(timeoutMs);
    const retry = context(signal);
    const route = getAccessTokenRoute;
    let failure: TriggerFlowFailure;
    let step = 0;
    try {
      for (;;) {
        // Always later than the last: the token service refuses an `encryption` it has seen.
        lastTimestamp = Math.max(now(), lastTimestamp + 1) + step;
        const timestamp = lastTimestamp;
        const encryption = await tokenEncryption({ appKey, appSecret, timestamp });
        const response = await send(
          route,
          { body: { appKey, encryption, timestamp }, signal },
          retry,
        );
        const answer = await read(response);
        const code = answer?.[route[3] as 'status'];
        const token = (response.ok && code === 0 && answer?.data) as Partial<AccessToken>;
        if (typeof token.accessToken === 'string' && (token.expire as number) > 0) {
          keep(token.accessToken);
          return token as AccessToken;
        }
        if (code !== duplicatedEncryptionCode || retry.attempts >= TOKEN_ATTEMPTS) {
          // Without a trigger, resultOf only ever gives a failure.
          failure = (
            resultOf(response, answer, retry.attempts, route, getAccessTokenErrorCodes) as {
              error: TriggerFlowFailure;
            }
          ).error;
          break;
        }
        step = collisionStep();
        await sleep(step / 8, signal);
      }
    } catch (thrown) {
      failure = thrownFailure(thrown, signal, signal, false).error;
    } finally {
      signal.clear();
    }
    // Scrubbed before the error copies its message.
    throw new TriggerFlowError(scrub(failure));
  }

  const transport = createTransport({
    baseUrl: root,
    appSecret,
    now,
    policy: retryPolicy(options.retry),
    tokens: createTokenSource(fetchToken, now),
    fetch: (input, init) => {
      // No redirect is followed: it would carry the token, the signature and the body to
      // wherever it points. A 3xx comes back as it is, an answer outside the contract.
      init.redirect = 'manual';
      // The global fetch takes the URL and init as they are: no Request (and AbortSignal) to build.
      return custom ? custom(new Request(input, init)) : fetch(input, init);
    },
  });
  const { send, context } = transport;

  async function triggerFlow(input: TriggerFlowInput): Promise<TriggerFlowResult> {
    const { flowId, triggerTime = now(), userId = options.userId, orgId = options.orgId } = input;
    const invalid = invalidArgument({ flowId, triggerTime, userId, orgId });
    if (invalid) return invalid;
    const limit = deadline(input.timeoutMs ?? timeoutMs);
    const signal = input.signal ? AbortSignal.any([limit, input.signal]) : limit;
    const retry = context(signal);
    const progress: Progress = {};
    const query: TriggerQuery = { userId: userId as string, orgId: orgId as string };
    const body: TriggerBody = { flowId, triggerTime: +triggerTime };
    try {
      const response = await send(triggerFlowRoute, { query, body, signal }, retry, progress);
      return scrub(
        resultOf(response, await read(response, flowId), retry.attempts, triggerFlowRoute, [], {
          ...body,
          userId: query.userId,
        }),
      );
    } catch (thrown) {
      return scrub(thrownFailure(thrown, signal, limit, !!progress.sent));
    } finally {
      limit.clear();
    }
  }

  return { triggerFlow, fetch: transport.fetch, baseUrl: root };
}
