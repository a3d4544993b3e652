/**
 * The Trigger Flow client: a request typed by the generated `paths` and built by
 * openapi-fetch's serializers, sent through the authenticated transport, every answer turned
 * into a typed result.
 */
import type { TriggerFlowFailure } from './failures.js';
import { triggerFlowPath } from './generated/contract.js';
import type { paths } from './generated/openapi.js';
import { invalidArgument, readAnswer, resultOf, thrownFailure } from './interpret.js';
import { type RetryOptions, retryPolicy } from './retry.js';
import { createTransport, deadline, jsonPost, type Progress } from './transport.js';

export interface TriggerFlowClientOptions {
  /** The API gateway's URL, such as `https://apigw.example.com`. */
  baseUrl: string;
  /** The application's access key (EnOS Console, Application Registration). */
  appKey: string;
  /** The application's secret key. It never leaves this client except inside a hash. */
  appSecret: string;
  /** The default user of every trigger: the workflow's owner. */
  userId?: string;
  /** The default organization of every trigger. */
  orgId?: string;
  /** The default time limit of one call, token request and retries included. Default 30000. */
  timeoutMs?: number;
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
  /** The user; default the client's. */
  userId?: string;
  /** The organization; default the client's. */
  orgId?: string;
  /** Ends the call early; it then fails with kind `aborted`. */
  signal?: AbortSignal;
  /** This call's time limit; default the client's `timeoutMs`. */
  timeoutMs?: number;
}

export interface TriggerFlowSuccess {
  ok: true;
  flowInstanceId: string;
  /** The workflow the instance belongs to. */
  flowId: number;
  /**
   * The instant the ID encodes: the trigger time to the minute, in UTC (an inferred rule).
   * Undefined only when the service answers an ID outside the contract's form.
   */
  instant: Date | undefined;
  requestId?: string;
}

export type TriggerFlowResult = TriggerFlowSuccess | { ok: false; error: TriggerFlowFailure };

export interface TriggerFlowClient {
  /** Trigger a workflow once. Never throws: every failure is a typed `{ ok: false, error }`. */
  triggerFlow(input: TriggerFlowInput): Promise<TriggerFlowResult>;
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
 * Create a client. Throws a TypeError at once when baseUrl, appKey or appSecret is unusable:
 * a configuration mistake is not the failure of a call.
 */
export function createTriggerFlowClient(options: TriggerFlowClientOptions): TriggerFlowClient {
  const { baseUrl, appKey, appSecret, timeoutMs = 30_000, now = Date.now } = options;
  if (!/^https?:\/\/./.test(baseUrl) || !appKey || !appSecret) {
    throw new TypeError(
      'createTriggerFlowClient needs baseUrl (an http(s) URL), appKey and appSecret: see Application Registration in the EnOS Console.',
    );
  }
  const root = baseUrl.replace(/\/$/, '');
  const custom = options.fetch;
  const { send, scrub, context } = createTransport({
    baseUrl: root,
    appKey,
    appSecret,
    timeoutMs,
    now,
    policy: retryPolicy(options.retry),
    // The global fetch takes the URL and init as they are: no Request (and AbortSignal) to build.
    fetch: (input, init) => (custom ? custom(new Request(input, init)) : fetch(input, init)),
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
      return resultOf(response, await readAnswer(response), retry.attempts, scrub, flowId);
    } catch (thrown) {
      return thrownFailure(thrown, signal, limit, !!progress.sent, scrub);
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
