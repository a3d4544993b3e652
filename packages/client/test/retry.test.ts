import { describe, expect, it } from 'vitest';
import { isConnectionRefused, parseRetryAfter, retryPolicy } from '../src/retry.js';

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
