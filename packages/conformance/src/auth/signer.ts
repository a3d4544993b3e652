/**
 * The two APIM digests every request of a run needs, from @enos-trigger/client, the toolkit's
 * one implementation of the documented algorithm (this is the only module that says where
 * they come from):
 *
 * - encryption = lowercase hex SHA-256 of `appKey + timestamp + appSecret`;
 * - signature = lowercase hex SHA-256 of
 *   `accessToken + sortedQuery + rawBody + timestamp + appSecret`.
 *
 * `sha256Hex` serves the one check that signs a deliberately malformed token request (a
 * timestamp that is not a number), which the typed `tokenEncryption` rightly refuses.
 */
export { requestSignature, sha256Hex, tokenEncryption } from '@enos-trigger/client';
