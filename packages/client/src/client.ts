/**
 * The Trigger Flow client: a request typed by the generated `paths` and built by
 * openapi-fetch's serializers, sent through the authenticated transport, every answer turned
 * into a typed result.
 */
import type { TriggerFlowFailure } from './failures.js';
import { triggerFlowPath } from './generated/contract.js';
import type { paths } from './generated/openapi.js';
import { invalidArgument, misfit, resultOf, thrownFailure } from './interpret.js';
import { type RetryOptions, retryPolicy } from './retry.js';
import { createTransport, deadline, jsonPost, type Progress } from './transport.js';

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

export interface TriggerFlowSuccess {
  ok: true;
  flowInstanceId: string;
  /** The workflow the instance belongs to: the one its ID names (see `mismatch`). */
  flowId: number;
  /**
   * The instant the ID encodes: the trigger time to the minute, in UTC (an inferred rule).
   * Undefined only when the service answers an ID outside the contract's form.
   */
  instant: Date | undefined;
  requestId?: string;
  /**
   * Only when the instance ID names another flow than the one asked for (the mock answers
   * flow 3377's instance to every trigger; a real service should never): the flow asked for and
   * the flow the answer named, which `flowId` and `flowInstanceId` hold. The trigger still
   * counts as a success, as the service said; decide yourself whether to trust it.
   */
  mismatch?: { askedFlowId: number; answeredFlowId: number };
}

export type TriggerFlowResult = TriggerFlowSuccess | { ok: false; error: TriggerFlowFailure };

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

type TriggerOperation = paths[typeof triggerFlowPath]['post'];
type TriggerQuery = TriggerOperation['parameters']['query'];
type TriggerBody = TriggerOperation['requestBody']['content']['application/json'];

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
  const { send, read, scrub, context } = createTransport({
    baseUrl: root,
    appKey,
    appSecret,
    timeoutMs,
    maxResponseBytes,
    now,
    policy: retryPolicy(options.retry),
    fetch: (input, init) => {
      // No redirect is followed: it would carry the token, the signature and the body to
      // wherever it points. A 3xx comes back as it is, an answer outside the contract.
      init.redirect = 'manual';
      // The global fetch takes the URL and init as they are: no Request (and AbortSignal) to build.
      return custom ? custom(new Request(input, init)) : fetch(input, init);
    },
  });

  async function triggerFlow(input: TriggerFlowInput): Promise<TriggerFlowResult> {
    const { flowId, triggerTime = now(), userId = options.userId, orgId = options.orgId } = input;
    const invalid = invalidArgument({ flowId, triggerTime, userId, orgId });
    if (invalid) return invalid;
    const limit = deadline(input.timeoutMs ?? timeoutMs);
    const signal = input.signal ? AbortSignal.any([limit, input.signal]) : limit;
    const retry = context(signal);
    const progress: Progress = {};
    const query: TriggerQuery = {
      action: 'trigger',
      userId: userId as string,
      orgId: orgId as string,
    };
    const body: TriggerBody = { flowId, triggerTime: +triggerTime };
    try {
      const response = await send(
        ...jsonPost(root, triggerFlowPath, query, body, signal),
        retry,
        progress,
      );
      return scrub(
        resultOf(response, await read(response, flowId), retry.attempts, {
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

  return {
    triggerFlow,
    fetch: async (request) =>
      send(
        request,
        { headers: request.headers, body: request.body && (await request.text()) },
        context(request.signal),
      ),
    baseUrl: root,
  };
}
