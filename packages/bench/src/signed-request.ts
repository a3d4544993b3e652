/**
 * A call of a signed operation, signed by the client's exported hash before any measuring
 * starts: a load generator that hashed per request would put its own hashing into the figure.
 */
import { requestSignature } from '@enos-trigger/client';
import { hasRequestBody, type OperationId, operationRoute } from '@enos-trigger/spec';
import { signedHeaders } from './contract.js';

export interface SignedRequest {
  method: string;
  /** Path and query string, to append to a server's URL. */
  target: string;
  headers: Record<string, string>;
  /** The raw body signed and sent; empty for an operation without one. */
  body: string;
}

/** What signs: a token the server issued, and the application's secret. */
export interface SigningKey {
  accessToken: string;
  appSecret: string;
}

export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/**
 * Sign one call of `operationId`: sent to its route's path, with its fixed query (an `action`
 * from the path key or from a single-value parameter) and `query`, the signature covering both.
 */
export async function signCall(
  operationId: OperationId,
  query: Readonly<Record<string, string>>,
  body: string,
  key: SigningKey,
): Promise<SignedRequest> {
  const { method, path, fixedQuery } = operationRoute(operationId);
  const sent = { ...fixedQuery, ...query };
  const timestamp = Date.now();
  const signature = await requestSignature({ ...key, query: sent, body, timestamp });
  return {
    method,
    target: `${path}?${new URLSearchParams(sent)}`,
    headers: {
      ...(hasRequestBody(operationId) ? { 'content-type': JSON_CONTENT_TYPE } : {}),
      ...signedHeaders({ accessToken: key.accessToken, signature, timestamp }, operationId),
    },
    body,
  };
}
