/**
 * Where each request goes on its way to Prism and back out. The front maps a client's request
 * to its operation with the contract's own matcher and sends it to that operation's internal
 * path (see internal-paths.ts); in the proxy, the back maps Prism's forwarded request to the
 * real path again before it reaches the upstream. No operation is named here.
 */
import { posix } from 'node:path';
import { documentOperations, type OpenApiDocument, operationMatcher } from '@enos-trigger/spec';
import type { InternalPaths } from './internal-paths.js';

/** An answer the forwarder gives itself instead of forwarding. */
export interface Refusal {
  status: number;
  contentType: string;
  body: string;
}

/** An `application/problem+json` answer (RFC 9457), as the forwarder gives its own. */
export function problem(status: number, title: string, detail: string): Refusal {
  return {
    status,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title, status, detail }),
  };
}

/** A request target (`/path?query`) → the target to send on, or a refusal. */
export type Routing = (method: string, target: string) => { target: string } | { refused: Refusal };

function splitTarget(target: string): { path: string; search: string } {
  const mark = target.indexOf('?');
  return mark === -1
    ? { path: target, search: '' }
    : { path: target.slice(0, mark), search: target.slice(mark) };
}

/**
 * Client → Prism. A request of an operation whose path key carries a query goes to its internal
 * path, its query unchanged (Prism ignores the fixed query, which it does not know as a
 * parameter). Any other request goes on as it is, so Prism answers it as before: its 404 for a
 * path it does not know, its 405 for a method, its validation errors. A request sent straight to
 * an internal path is refused: the real service has no such path.
 */
export function frontRouting(contract: OpenApiDocument, internalPaths: InternalPaths): Routing {
  const matcher = operationMatcher(contract);
  const byOperation = new Map<string, string>();
  const owners = new Map<string, { method: string; pathKey: string; operationId: string }>();
  for (const { operationId, method, path: pathKey } of documentOperations(contract)) {
    const internal = internalPaths.get(pathKey);
    if (internal === undefined) continue;
    byOperation.set(operationId, internal);
    owners.set(internal, { method: method.toUpperCase(), pathKey, operationId });
  }
  return (method, target) => {
    const { path, search } = splitTarget(target);
    const operationId = matcher(method, path, new URLSearchParams(search));
    const internal = operationId === undefined ? undefined : byOperation.get(operationId);
    if (internal !== undefined) return { target: `${internal}${search}` };
    const owner = owners.get(path);
    if (owner) {
      return {
        refused: problem(
          404,
          'Not Found',
          `${path} is the mock's internal path of ${owner.operationId}, not a path of the API: send ${owner.method} ${owner.pathKey} (its query with the operation's other parameters) instead.`,
        ),
      };
    }
    return { target };
  };
}

/**
 * Prism → upstream, in the proxy. Prism forwards to the back with the path it routed (an
 * internal one for an operation whose key carries a query); the upstream gets the real path,
 * under the upstream URL's own path as Prism would join them, and the query as Prism sent it.
 */
export function backRouting(internalPaths: InternalPaths, upstream: URL): Routing {
  const realPaths = new Map(
    [...internalPaths].map(([pathKey, internal]) => [internal, splitTarget(pathKey).path]),
  );
  return (_method, target) => {
    const { path, search } = splitTarget(target);
    const real = realPaths.get(path) ?? path;
    return { target: `${posix.join(upstream.pathname, real)}${search}` };
  };
}
