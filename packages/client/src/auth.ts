/**
 * The two hashes of EnOS APIM authentication, with WebCrypto only, so that they run the same
 * on Node ≥20, in browsers and in edge runtimes. Exported for tools that sign requests
 * themselves (the conformance suite's hooks, for one).
 */

/** Lowercase hex SHA-256 of the UTF-8 bytes of `text`. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface TokenEncryptionInput {
  appKey: string;
  appSecret: string;
  /** Epoch milliseconds: the same value as the token request's `timestamp`. */
  timestamp: number;
}

/** The token request's `encryption`: SHA-256 of `appKey + timestamp + appSecret` (no HMAC). */
export const encryptionOf = (appKey: string, timestamp: number, appSecret: string) =>
  sha256Hex(appKey + timestamp + appSecret);

/** `encryptionOf`, its inputs named. */
export function tokenEncryption({
  appKey,
  appSecret,
  timestamp,
}: TokenEncryptionInput): Promise<string> {
  return encryptionOf(appKey, timestamp, appSecret);
}

/** Query parameters in any form URLSearchParams accepts. */
export type QueryInput = ConstructorParameters<typeof URLSearchParams>[0];

/**
 * Every query parameter sorted by key in ASCII order, written `key1value1key2value2…` with no
 * separators. Keys that repeat keep their order (the sort is stable).
 */
export function canonicalQuery(query: QueryInput): string {
  return [...new URLSearchParams(query)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => key + value)
    .join('');
}

export interface RequestSignatureInput {
  accessToken: string;
  /** The request's query parameters, decoded. */
  query: QueryInput;
  /** The raw body exactly as sent; empty or omitted for a request without a body. */
  body?: string;
  /** Epoch milliseconds, sent as `apim-timestamp`. */
  timestamp: number;
  appSecret: string;
}

/** `apim-signature`: SHA-256 of `accessToken + canonicalQuery + body + timestamp + appSecret`. */
export const signatureOf = (
  accessToken: string,
  query: QueryInput,
  body: string,
  timestamp: number,
  appSecret: string,
) => sha256Hex(accessToken + canonicalQuery(query) + body + timestamp + appSecret);

/** `signatureOf`, its inputs named (the transport calls `signatureOf`: less code to ship). */
export function requestSignature({
  accessToken,
  query,
  body = '',
  timestamp,
  appSecret,
}: RequestSignatureInput): Promise<string> {
  return signatureOf(accessToken, query, body, timestamp, appSecret);
}
