/**
 * Which operation of the contract a request to the proxy is (the spec's operationMatcher). The
 * proxy signs only the contract's operations: it holds the app's credentials, and any process
 * on this machine can reach it, so it must not become a signer of every API the app may call.
 *
 * Operations that share a path are told apart by `action`; the contract writes that value into
 * the path key (`/…/flowInstances?action=search`). Redocly Respect 2.77 builds such a URL by
 * appending the step's query with a second `?` (`/…/flowInstances?action=search?userId=u`),
 * which every server reads as `action` = `search?userId=u`. `repairQuery` reads that second `?`
 * as `&`, only right after a path key's own query, so a `?` anywhere else in a query is data.
 */
import { documentOperations, operationMatcher, operationRoute } from '@enos-trigger/spec';
import type { ContractView, OperationView } from '../contract/view.js';

export interface Router {
  /** The query with Respect's second `?` read as `&` (see above); otherwise as given. */
  repairQuery(path: string, rawQuery: string): string;
  /** The operation at this method, path and query, or undefined. */
  match(method: string, path: string, query: [string, string][]): OperationView | undefined;
}

export function contractRouter(view: ContractView): Router {
  const { document } = view;
  const matcher = operationMatcher(document);
  // Each path's key queries, as the keys write them: what Respect puts before its second `?`.
  const keyQueries = new Map<string, string[]>();
  for (const { operationId } of documentOperations(document)) {
    const { path, pathKey } = operationRoute(operationId, document);
    if (pathKey === path) continue;
    keyQueries.set(path, [...(keyQueries.get(path) ?? []), pathKey.slice(path.length + 1)]);
  }
  return {
    repairQuery(path, rawQuery) {
      for (const keyQuery of keyQueries.get(path) ?? []) {
        if (rawQuery.startsWith(`${keyQuery}?`)) {
          return `${keyQuery}&${rawQuery.slice(keyQuery.length + 1)}`;
        }
      }
      return rawQuery;
    },
    match(method, path, query) {
      const id = matcher(method, path, query);
      return id === undefined ? undefined : view.op(id);
    },
  };
}
