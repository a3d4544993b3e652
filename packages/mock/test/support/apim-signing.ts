/**
 * EnOS APIM authentication, written here from the contract's Authentication section so the
 * sandbox test signs requests independently of the client package.
 */
import { createHash } from 'node:crypto';

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The token request's `encryption`: SHA-256 of `appKey + timestamp + appSecret`. */
export function tokenEncryption(appKey: string, timestamp: number, appSecret: string): string {
  return sha256Hex(appKey + timestamp + appSecret);
}

/**
 * `apim-signature`: SHA-256 of `accessToken + sortedQuery + rawBody + timestamp + appSecret`,
 * where sortedQuery is every query parameter sorted by key, written `key1value1key2value2…`.
 */
export function requestSignature(
  accessToken: string,
  query: Record<string, string>,
  rawBody: string,
  timestamp: number,
  appSecret: string,
): string {
  const sortedQuery = Object.entries(query)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => key + value)
    .join('');
  return sha256Hex(accessToken + sortedQuery + rawBody + timestamp + appSecret);
}
