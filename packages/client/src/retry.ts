/**
 * Which failures are retried, and when. Only what provably did not reach the service: a
 * connection refused before anything was sent, and the gateway's 429 and 503. A trigger that
 * may have reached EnOS is never sent twice: a duplicate workflow run is worse than an error.
 */
import { sleep } from './signals.js';

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
  /** The HTTP status (429 or 503), or `'connection-refused'`. */
  reason: 429 | 503 | 'connection-refused';
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
  policy: RetryPolicy;
  signal: AbortSignal;
  now: () => number;
  /** Attempts made so far, for the failure that reports them. */
  attempts: number;
}

/**
 * Send with `attempt`, and again while the outcome is retryable and the policy's count and
 * time allow. The last answer, or error, is handed back as it is.
 */
export async function withRetry(
  context: RetryContext,
  attempt: () => Promise<Response>,
): Promise<Response> {
  const { policy, signal, now } = context;
  const started = now();
  for (;;) {
    const count = ++context.attempts;
    let response: Response | undefined;
    let refused: unknown;
    try {
      response = await attempt();
      if (response.status !== 429 && response.status !== 503) return response;
    } catch (error) {
      if (!isConnectionRefused(error)) throw error;
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
      reason: (response?.status as 429 | 503) ?? 'connection-refused',
    });
    await sleep(delayMs, signal);
  }
}
