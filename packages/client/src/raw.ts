/**
 * `@enos-trigger/client/raw`: the typed openapi-fetch client of the whole contract, sending
 * through a Trigger Flow client's authenticated transport (same token cache, signing and
 * retries). A subpath of its own so that an application that only triggers does not carry
 * all of openapi-fetch.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { TriggerFlowClient } from './client.js';
import type { paths } from './generated/openapi.js';

export type { Client } from 'openapi-fetch';
export type { paths } from './generated/openapi.js';

/** An openapi-fetch client over `client`'s transport. It reads no answers: you do. */
export function createRawClient(client: TriggerFlowClient): Client<paths> {
  return createClient<paths>({
    baseUrl: client.baseUrl,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    fetch: client.fetch,
  });
}
