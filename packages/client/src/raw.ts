/**
 * `@enos-trigger/client/raw`: the typed openapi-fetch client of the whole contract, sending
 * through a Trigger Flow client's authenticated transport (same token cache, signing and
 * retries). A subpath of its own so that an application that only triggers does not carry
 * all of openapi-fetch.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { TriggerFlowClient } from './client.js';
import type { paths } from './generated/openapi.js';
import type { PathsKeepingNullResponses } from './null-properties-kept.js';
import type { ClientDefault, Session } from './session.js';
import { fetchOf } from './transport.js';

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

/**
 * The contract keys the operations that share a path by their fixed query
 * (`/…/flowInstances?action=search`), and openapi-fetch appends the serialized query with a
 * second `?` (`…?action=search?userId=…`), which a server reads as `action` =
 * `search?userId=…`. This middleware joins the two queries with `&`: the key's first, then the
 * call's, as the transport sends them and signs them.
 */
export const pathKeyQuery: Middleware = {
  onRequest({ request }) {
    const { url } = request;
    const second = url.indexOf('?', url.indexOf('?') + 1);
    if (second < 0) return undefined;
    return new Request(`${url.slice(0, second)}&${url.slice(second + 1)}`, request);
  },
};

/**
 * An openapi-fetch client over the transport of `source` (a client, or a session): same token
 * cache, signing and retries. It reads no answers: you do.
 */
export function createRawClient(
  source: TriggerFlowClient<ClientDefault> | Session<ClientDefault>,
): RawClient {
  const raw = createClient<RawPaths>({
    baseUrl: source.baseUrl,
    headers: { 'Content-Type': 'application/json;charset=UTF-8' },
    fetch: 'fetch' in source ? source.fetch : fetchOf(source),
  });
  raw.use(pathKeyQuery);
  return raw;
}
