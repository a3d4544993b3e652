/**
 * A session: what every operation shares, and nothing particular to one. It checks the
 * options, holds the one transport (transport.ts), the token request and its cache, and the
 * scrub. The operations are standalone functions over it (`triggerFlow(session, …)` in
 * trigger.ts, the instance operations in instances.ts), so that a bundler drops every operation
 * an application does not import; `createTriggerFlowClient` (client.ts) bundles them all.
 */
import { encryptionOf } from './auth.js';
import {
  duplicatedEncryptionCode,
  getAccessTokenErrorCodes,
  getAccessTokenRoute,
} from './generated/contract.js';
import {
  type Answer,
  answerFailure,
  CREDENTIALS,
  codeOf,
  type Effect,
  type Failed,
  failure,
  readAnswer,
  thrownFailure,
} from './interpret.js';
import { once, type Retrier, type RetryContext, type RetryOptions } from './retry.js';
import { show } from './rules.js';
import { createScrub, type Scrub } from './scrub.js';
import { TOKEN_ATTEMPTS } from './token-collision.js';
import { type AccessToken, createTokenSource } from './token-source.js';
import { createTransport, deadline, type Progress, type Transport } from './transport.js';

export interface TriggerFlowClientOptions {
  /** The API gateway's URL, such as `https://apigw.example.com`. */
  baseUrl: string;
  /** The application's access key (EnOS Console, Application Registration). */
  appKey: string;
  /** The application's secret key. It never leaves this client except inside a hash. */
  appSecret: string;
  /**
   * The default user of every call: the workflow's owner. Without it, each call must give
   * its own `userId` (a type error where the types can tell; `invalid-argument` at run time).
   */
  userId?: string;
  /** The default organization of every call; without it, each call must give `orgId`. */
  orgId?: string;
  /**
   * The default time limit of one call, token request and retries included, in ms: 1 to
   * 2147483647. Default 30000.
   */
  timeoutMs?: number;
  /**
   * The most bytes of an answer's body the client reads (each operation's and the token
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

/**
 * What to do about a trigger's business error: the contract's advice for its catalog entry,
 * filled in from the call (`triggerAdvice`, advice.ts). A session without it says less.
 */
export type Advice = (
  code: number,
  msg: string,
  call: { flowId: number; triggerTime: number; userId: string },
) => string | undefined;

export interface SessionOptions extends Omit<TriggerFlowClientOptions, 'retry'> {
  /**
   * How requests are sent again: `retrying()` (or `retrying(options)`) retries what provably
   * did not reach the service, and reads; without it, each request is sent once.
   */
  retry?: Retrier;
  /**
   * Give `triggerAdvice` to have each trigger's business failure say what to do, from the
   * contract's catalog (0.4 kB gzipped, which a bundle carries only when it is given).
   */
  advice?: Advice;
}

/** The fields of a call that a session may hold a default for. */
export type ClientDefault = 'userId' | 'orgId';

/**
 * `Name` when the options' type says there is no default (the field is left out, or
 * `undefined`); never when it is a string, or when the type cannot tell (`string | undefined`).
 */
export type Missing<Value, Name extends ClientDefault> = [Value] extends [undefined] ? Name : never;

/**
 * A session. `Needs` names the fields it has no default for, which every call must then give.
 * Its parts serve this package's operations: pass it to them, and treat it as opaque.
 */
export interface Session<Needs extends ClientDefault = never> {
  readonly baseUrl: string;
  readonly userId: string | undefined;
  readonly orgId: string | undefined;
  readonly timeoutMs: number;
  readonly now: () => number;
  readonly advice: Advice | undefined;
  readonly send: Transport['send'];
  readonly deliver: Transport['deliver'];
  readonly context: Transport['context'];
  /** An answer's body, capped at `maxResponseBytes`. */
  readonly read: (response: Response, effect?: Effect) => Promise<Answer | undefined>;
  readonly scrub: Scrub;
  /** Type only: the defaults it lacks. */
  readonly needs?: Needs;
}

/**
 * Create a session. Unlike createTriggerFlowClient, it does not check its options at once (the
 * check's messages are code a small application may not want); a mistake fails safe at the
 * first call instead (see checks.ts). Created without a `userId` or `orgId`, its calls must
 * give them.
 */
export function createSession<
  UserId extends string | undefined = undefined,
  OrgId extends string | undefined = undefined,
>(
  options: SessionOptions & { userId?: UserId; orgId?: OrgId },
): Session<Missing<UserId, 'userId'> | Missing<OrgId, 'orgId'>> {
  return openSession(options);
}

/** A session, its options unchecked (createTriggerFlowClient checks them first). */
export function openSession(options: SessionOptions): Session<never> {
  const {
    baseUrl,
    appKey,
    appSecret,
    timeoutMs = 30_000,
    maxResponseBytes = 1_048_576,
    now = Date.now,
    userId,
    orgId,
  } = options;
  const root = baseUrl.replace(/\/$/, '');
  const custom = options.fetch;
  /** What must never show in a failure or a result: the secret, and every token received. */
  const { scrub, keep } = createScrub(appSecret);
  const read = (response: Response, effect?: Effect) =>
    readAnswer(response, maxResponseBytes, effect);
  let lastTimestamp = 0;
  /**
   * The one shared token request: `getAccessToken` through the transport (a public operation,
   * not signed), with its own time limit. A collision with another process (token-collision.ts)
   * is asked again with a new timestamp, up to TOKEN_ATTEMPTS requests in all, when the session
   * retries (`retrying`, which carries that code). Its failure has
   * no effect of its own: the operation that waited for it adds its own (thrownFailure).
   */
  async function fetchToken(): Promise<AccessToken> {
    const signal = deadline(timeoutMs);
    const retry = transport.context(signal);
    const route = getAccessTokenRoute;
    let failed: Failed;
    let step = 0;
    try {
      for (;;) {
        // Always later than the last: the token service refuses an `encryption` it has seen.
        lastTimestamp = Math.max(now(), lastTimestamp + 1) + step;
        const timestamp = lastTimestamp;
        const encryption = await encryptionOf(appKey, timestamp, appSecret);
        const response = await transport.send(
          route,
          { body: { appKey, encryption, timestamp }, signal },
          retry,
        );
        const answer = await read(response);
        const code = codeOf(answer, route);
        const token = (response.ok && code === 0 && answer?.data) as Partial<AccessToken>;
        if (typeof token.accessToken === 'string' && (token.expire as number) > 0) {
          keep(token.accessToken);
          return token as AccessToken;
        }
        step =
          code === duplicatedEncryptionCode && retry.attempts < TOKEN_ATTEMPTS
            ? ((await retrier.collide?.(signal)) ?? 0)
            : 0;
        if (!step) {
          failed = tokenFailure(response, answer, retry);
          break;
        }
      }
    } catch (thrown) {
      failed = thrownFailure(thrown, signal, signal, false);
    } finally {
      signal.clear();
    }
    // Thrown to each waiting call, which reads it (thrownFailure).
    throw scrub(failed);
  }

  const retrier = options.retry ?? once;
  const transport = createTransport({
    baseUrl: root,
    appSecret,
    now,
    retry: retrier,
    tokens: createTokenSource(fetchToken, now),
    fetch: (input, init) => {
      // No redirect is followed: it would carry the token, the signature and the body to
      // wherever it points. A 3xx comes back as it is, an answer outside the contract.
      init.redirect = 'manual';
      // The global fetch takes the URL and init as they are: no Request (and AbortSignal) to build.
      return custom ? custom(new Request(input, init)) : fetch(input, init);
    },
  });
  return {
    ...transport,
    baseUrl: root,
    userId,
    orgId,
    timeoutMs,
    now,
    advice: options.advice,
    read,
    scrub,
  };
}

/** The token service's refusal (a code of its catalog), or the answer's failure otherwise. */
function tokenFailure(
  response: Response,
  answer: Answer | undefined,
  { attempts }: RetryContext,
): Failed {
  const code = codeOf(answer, getAccessTokenRoute);
  const msg = `${answer?.msg}`;
  return response.ok && getAccessTokenErrorCodes.includes(code as number)
    ? failure(
        'auth',
        0,
        `The token service refused: ${code} ${show(msg)}${
          code === duplicatedEncryptionCode
            ? ` after ${attempts} request(s): another process with this appKey asked in the same millisecond. Retry; stagger them.`
            : `. ${CREDENTIALS}`
        }`,
        { status: code, msg },
      )
    : answerFailure(response, answer, attempts, getAccessTokenRoute);
}

/** A call's options that every operation takes. */
export interface CallOptions {
  /** Ends the call early; it then fails with kind `aborted`. */
  signal?: AbortSignal;
  /** This call's time limit; default the session's `timeoutMs`. */
  timeoutMs?: number;
}

/**
 * Run one call of an operation under its time limit and the caller's signal: `work` sends and
 * reads; whatever it gives or throws comes back scrubbed, a thrown error as the failure it
 * stands for (with the operation's `effect`: whether it may have reached the service).
 */
export async function operate<Result>(
  session: Session<ClientDefault>,
  options: CallOptions,
  effect: Effect | undefined,
  work: (signal: AbortSignal, retry: RetryContext, progress: Progress) => Promise<Result>,
): Promise<Result | Failed> {
  const limit = deadline(options.timeoutMs ?? session.timeoutMs);
  const signal = options.signal ? AbortSignal.any([limit, options.signal]) : limit;
  const progress: Progress = {};
  try {
    return session.scrub(await work(signal, session.context(signal), progress));
  } catch (thrown) {
    return session.scrub(thrownFailure(thrown, signal, limit, !!progress.sent, effect));
  } finally {
    limit.clear();
  }
}
