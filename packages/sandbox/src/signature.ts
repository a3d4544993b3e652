/**
 * The APIM checks, written here from the documented algorithm and on purpose sharing no code
 * with any client of this toolkit: a reference server that reused the client's signing code
 * would hide a bug that both have.
 *
 * - encryption = lowercase hex SHA-256 of `appKey + timestamp + appSecret`;
 * - signature = lowercase hex SHA-256 of
 *   `accessToken + sortedQuery + rawBody + timestamp + appSecret`, where sortedQuery is every
 *   query parameter sorted by key (ASCII) and written `key1value1key2value2…`.
 *
 * Digests are compared in constant time, so the time an answer takes says nothing about how
 * much of a guess was right.
 */
import { isUtf8 } from 'node:buffer';
import { createHash, hash, timingSafeEqual } from 'node:crypto';

const HEX_DIGEST = /^[0-9a-f]{64}$/;

/** Is `encryption` the token request's hash of appKey, timestamp and secret? */
export function encryptionMatches(
  appKey: string,
  timestamp: string,
  appSecret: string,
  encryption: string,
): boolean {
  const expected = createHash('sha256')
    .update(appKey + timestamp + appSecret, 'utf8')
    .digest();
  return digestEquals(expected, encryption);
}

export interface SignedRequest {
  accessToken: string;
  /** The query parameters, decoded, in the order they came. */
  query: [string, string][];
  /** The body exactly as received. */
  body: Buffer;
  timestamp: string;
  signature: string;
}

/** Is `signature` the documented signature of the request under `appSecret`? */
export function signatureMatches(request: SignedRequest, appSecret: string): boolean {
  const head = request.accessToken + sortedQuery(request.query);
  const tail = request.timestamp + appSecret;
  const { body } = request;
  // Hashing one string in one call is about twice as fast, and this is the hot path; only a
  // body in valid UTF-8 survives the trip through a string byte for byte.
  const digest = isUtf8(body)
    ? hash('sha256', head + body.toString('utf8') + tail, 'buffer')
    : createHash('sha256').update(head, 'utf8').update(body).update(tail, 'utf8').digest();
  return digestEquals(digest, request.signature);
}

function sortedQuery(query: [string, string][]): string {
  if (query.length === 0) return '';
  // Compare keys by code unit (ASCII order for ASCII keys), not by locale; the sort is stable,
  // so a repeated key keeps its values in the order sent.
  const sorted = [...query].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let text = '';
  for (const [key, value] of sorted) text += key + value;
  return text;
}

/** Where a given hex digest is decoded: one buffer, reused (the comparison is synchronous). */
const given = Buffer.alloc(32);

function digestEquals(expected: Buffer, givenHex: string): boolean {
  if (!HEX_DIGEST.test(givenHex)) return false;
  given.write(givenHex, 'hex');
  return timingSafeEqual(expected, given);
}

/**
 * Is an `apim-timestamp` or token `timestamp` close enough to `now`? Only decimal epoch
 * milliseconds count; the window is symmetric, for callers whose clocks run a little ahead.
 */
export function timestampWithin(timestamp: string, now: number, windowMs: number): boolean {
  if (!/^[0-9]{1,16}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - now) <= windowMs;
}
