/**
 * Which failures are retried, and when. Of a request that changes something (a trigger, a
 * cancel), only what provably did not reach the service: a connection refused before anything
 * was sent, and the gateway's 429 and 503. A trigger that may have reached EnOS is never sent
 * twice: a duplicate workflow run is worse than an error. A read may be sent again whatever
 * failed. Retries are a function of their own (`retrying`), so that an application that does
 * not ask for them does not carry them.
 */
import { sleep } from './signals.js';
import { collide } from './token-collision.js';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2; 0 turns retries off. */
  retries?: number;
  /** Wait before the first retry when the answer has no Retry-After, doubled each time. Default 250. */
  baseDelayMs?: number;
  /** Ceiling of one such computed wait. Default 5000. A Retry-After above it is still honoured. */
  maxDelayMs?: number;
  /** No retry whose wait would end later than this after the first attempt. Default 10000. */
  maxElapsedMs?: number;
  /** Told before each retry: for logs and metrics. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /**
   * The HTTP status (429 or 503; 500 on a read), `'connection-refused'`, or on a read
   * `'network'` (any other failure to get an answer).
   */
  reason: 429 | 500 | 503 | 'connection-refused' | 'network';
}

export type RetryPolicy = Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;

export function retryPolicy(options: RetryOptions | false = {}): RetryPolicy {
  return {
    retries: 2,
    baseDelayMs: 250,
    maxDelayMs: 5000,
    maxElapsedMs: 10_000,
    ...(options || { retries: 0 }),
  };
}

/** A Retry-After value (seconds, or an HTTP date, which always ends in GMT) in ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const at = +text >= 0 ? now + +text * 1000 : text.endsWith('GMT') ? Date.parse(text) : Number.NaN;
  return at >= 0 ? Math.max(0, at - now) : undefined;
}

/**
 * Whether fetch failed because the connection was refused, so nothing was sent. Only Node
 * (undici) says so, in `cause.code`; a browser's bare "Failed to fetch" proves nothing.
 */
export function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string; errors?: { code?: string }[] } })?.cause;
  return (cause?.code ?? cause?.errors?.[0]?.code) === 'ECONNREFUSED';
}

export interface RetryContext {
  signal: AbortSignal;
  now: () => number;
  /** Attempts made so far, for the failure that reports them. */
  attempts: number;
  /**
   * The request is a read, which changes nothing: whatever failed may be sent again (a refused
   * connection or any other network error, and the gateway's 500 too). Otherwise only what
   * provably did not reach the service is.
   */
  idempotent?: boolean;
}

/**
 * Send with `attempt`, and again while a retrier allows: see `retrying`. `collide`, when there,
 * asks a token request refused as a collision again (token-collision.ts).
 */
export type Retrier = ((
  context: RetryContext,
  attempt: () => Promise<Response>,
) => Promise<Response>) & { collide?: (signal: AbortSignal) => Promise<number> };

/** No retry: one attempt, counted. A session without `retry` sends each request once. */
export const once: Retrier = (context, attempt) => {
  context.attempts++;
  return attempt();
};

/**
 * Retries by `options` (the defaults of `retryPolicy`): send with `attempt`, and again while the
 * outcome is retryable and the policy's count and time allow. The last answer, or error, is
 * handed back as it is. Give it to createSession's `retry`; createTriggerFlowClient uses it.
 */
export function retrying(options?: RetryOptions | false): Retrier {
  const policy = retryPolicy(options);
  const retrier: Retrier = async (context, attempt) => {
    const { signal, now, idempotent } = context;
    const retryable = idempotent ? [429, 500, 503] : [429, 503];
    const started = now();
    for (;;) {
      const count = ++context.attempts;
      let response: Response | undefined;
      let refused: unknown;
      try {
        response = await attempt();
        if (!retryable.includes(response.status)) return response;
      } catch (error) {
        // An abort (the deadline's, the caller's) is never retried.
        if (signal.aborted || !(idempotent || isConnectionRefused(error))) throw error;
        refused = error;
      }
      const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (count - 1));
      const delayMs =
        parseRetryAfter(response?.headers.get('retry-after') ?? null, now()) ??
        // Equal jitter: clients refused together come back spread out.
        exponential / 2 + (Math.random() * exponential) / 2;
      if (count > policy.retries || now() + delayMs - started > policy.maxElapsedMs) {
        if (response) return response;
        throw refused;
      }
      await response?.body?.cancel();
      policy.onRetry?.({
        attempt: count,
        delayMs,
        reason:
          (response?.status as RetryEvent['reason']) ??
          (isConnectionRefused(refused) ? 'connection-refused' : 'network'),
      });
      await sleep(delayMs, signal);
    }
  };
  // Even with retries off: a collision is no failure of the request, only of its timing.
  retrier.collide = collide;
  return retrier;
}
