import { describe, expect, it } from 'vitest';
import {
  isConnectionRefused,
  parseRetryAfter,
  type RetryContext,
  retrying,
  retryPolicy,
} from '../src/retry.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');

  it('reads seconds', () => {
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('2.5', now)).toBe(2500);
  });

  it('reads an HTTP date, and a past one as no wait', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores what is neither', () => {
    for (const value of [null, '', '-1', 'soon', '5 minutes', '2024-05-01']) {
      expect(parseRetryAfter(value, now)).toBeUndefined();
    }
  });
});

describe('isConnectionRefused', () => {
  it("knows undici's refused connection, alone or among several addresses", () => {
    expect(
      isConnectionRefused(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })),
    ).toBe(true);
    const both = { errors: [{ code: 'ECONNREFUSED' }, { code: 'ECONNREFUSED' }] };
    expect(isConnectionRefused(new TypeError('fetch failed', { cause: both }))).toBe(true);
  });

  it('does not take any other failure for one', () => {
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'UND_ERR_SOCKET', undefined]) {
      expect(isConnectionRefused(new TypeError('fetch failed', { cause: { code } }))).toBe(false);
    }
    expect(isConnectionRefused(new TypeError('Failed to fetch'))).toBe(false);
    expect(isConnectionRefused(undefined)).toBe(false);
  });
});

describe('retryPolicy', () => {
  it('has bounded defaults, and false turns retries off', () => {
    expect(retryPolicy()).toEqual({
      retries: 2,
      baseDelayMs: 250,
      maxDelayMs: 5000,
      maxElapsedMs: 10_000,
    });
    expect(retryPolicy(false).retries).toBe(0);
    expect(retryPolicy({ retries: 5 }).retries).toBe(5);
  });
});

describe('retrying', () => {
  const reset = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
  const context = (idempotent: boolean, signal = new AbortController().signal): RetryContext => ({
    signal,
    now: Date.now,
    attempts: 0,
    idempotent,
  });
  /** An attempt that fails with `errors`, in turn, then answers 200. */
  const attempts =
    (...errors: unknown[]) =>
    async () => {
      const error = errors.shift();
      if (error) throw error;
      return new Response('{}');
    };

  it('sends a read again after a reset connection (it may have arrived: a read changes nothing)', async () => {
    const read = context(true);
    const response = await retrying({ baseDelayMs: 1 })(read, attempts(reset));
    expect(response.status).toBe(200);
    expect(read.attempts).toBe(2);
  });

  it('never sends a trigger or a cancel again after a reset connection', async () => {
    const write = context(false);
    await expect(retrying({ baseDelayMs: 1 })(write, attempts(reset))).rejects.toBe(reset);
    expect(write.attempts).toBe(1);
  });

  it("sends a read again after the gateway's 500; a write keeps the 500", async () => {
    const answers = () => {
      const queue = [500, 200];
      return async () => new Response('{}', { status: queue.shift() });
    };
    expect((await retrying({ baseDelayMs: 1 })(context(true), answers())).status).toBe(200);
    expect((await retrying({ baseDelayMs: 1 })(context(false), answers())).status).toBe(500);
  });

  it('never sends a read again once its signal aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const read = context(true, controller.signal);
    await expect(retrying()(read, attempts(reset))).rejects.toBe(reset);
    expect(read.attempts).toBe(1);
  });

  it('asks a colliding token request again even with retries off', () => {
    expect(retrying(false).collide).toBeTypeOf('function');
  });
});
