/**
 * `@enos-trigger/client/raw`: the typed openapi-fetch client of the whole contract, sending
 * through a Trigger Flow client's authenticated transport (same token cache, signing and
 * retries). A subpath of its own so that an application that only triggers does not carry
 * all of openapi-fetch.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { TriggerFlowClient } from './client.js';
import type { paths } from './generated/openapi.js';
import type { PathsKeepingNullResponses } from './null-properties-kept.js';

export type { Client } from 'openapi-fetch';
export type { paths } from './generated/openapi.js';

/**
 * The contract's `paths` as the raw client is typed over: the same operations, whose answers
 * keep their `data: null`, which a plain `Client<paths>` drops (an openapi-fetch bug: see
 * null-properties-kept.ts, and packages/client/upstream/ for the fix offered upstream).
 */
export type RawPaths = PathsKeepingNullResponses<paths>;

/** The raw client: openapi-fetch's `Client`, its answers typed field by field as the contract. */
export type RawClient = Client<RawPaths>;

/** An openapi-fetch client over `client`'s transport. It reads no answers: you do. */
export function createRawClient(client: TriggerFlowClient): RawClient {
  return createClient<RawPaths>({
    baseUrl: client.baseUrl,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    fetch: client.fetch,
  });
}
