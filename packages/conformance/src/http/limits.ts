/**
 * A server's answer is untrusted input: the run reads no more of it than --max-response-bytes,
 * and waits for it no longer than --request-timeout. These are the limits of one request, the
 * errors that say which was reached, and the capped read of an answer's body.
 */

/** The most of an answer the run reads: 1 MiB, the client's default too. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
/** A request's time limit: a slow gateway is not a reason to hang a CI job. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

/** How the requests of a run are sent. */
export interface Transport {
  maxResponseBytes: number;
  timeoutMs: number;
  /** Aborted when the run stops; a request then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Told of every request that got an answer in time, or none. */
  onAttempt?(attempt: Attempt): void;
}

/** A request's fate: answered in time, or not. */
export interface Attempt {
  timedOut: boolean;
  /** The request, as `METHOD origin/path` (no query, no header). */
  what: string;
}

/** An answer longer than the limit: the run stopped reading it, and says so. */
export class AnswerTooLargeError extends Error {
  readonly code = 'ERR_ANSWER_TOO_LARGE';
  constructor(readonly limit: number) {
    super(tooLargeMessage(limit));
    this.name = 'AnswerTooLargeError';
  }
}

export function tooLargeMessage(limit: number): string {
  return `the answer is larger than ${limit} bytes (--max-response-bytes): the run stopped reading it there`;
}

/** No (complete) answer within the request's time limit. */
export class NoAnswerError extends Error {
  readonly code = 'ERR_NO_ANSWER';
  constructor(what: string, timeoutMs: number) {
    super(`${what} got no complete answer within ${noAnswerWithin(timeoutMs)}`);
    this.name = 'NoAnswerError';
  }
}

export function noAnswerWithin(timeoutMs: number): string {
  return `${timeoutMs / 1000} s (--request-timeout)`;
}

/**
 * The body of an answer as text (UTF-8, as `Response.text()` reads it), streamed and read up to
 * `limit` bytes: a longer one is cancelled there (a Content-Length over the limit, at once),
 * and rejects with AnswerTooLargeError.
 */
export async function readCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => {});
    throw new AnswerTooLargeError(limit);
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AnswerTooLargeError(limit);
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks, size));
}
