/**
 * Which operation of the contract a request is: by its method and path, and then by the fixed
 * query values (`action=...`) that tell operations of one path apart. The sandbox routes by it,
 * and any tool that receives requests can.
 */
import type { OperationId } from './generated/operation-ids.js';
import type { OperationRoute } from './index.js';
import { splitPathKey } from './path-key.js';

/** The id of the operation a request is, or undefined when it is none of them. */
export type OperationMatcher = (
  method: string,
  path: string,
  query: Iterable<readonly [string, string]>,
) => OperationId | undefined;

interface Candidate {
  operationId: OperationId;
  /** Values written into the path key: a request without them is not this operation. */
  routeQuery: [string, string][];
  /** Every fixed value, the key's and those of single-value parameters. */
  fixedQuery: [string, string][];
}

/**
 * A matcher of these routes. A request is the operation at its method and path whose fixed
 * query it carries, each name once with its value. A value fixed by a parameter (Trigger Flow's
 * `action=trigger`) is also checked by the operation's own parameter schema; so when no
 * operation's whole fixed query is carried, the one operation there whose path-key query is
 * carried still takes the request, and its schema refuses the wrong value (as Trigger Flow
 * answers `action=list` with its business error, not with a missing route).
 */
export function matcherOf(routes: readonly OperationRoute[]): OperationMatcher {
  const table = new Map<string, Candidate[]>();
  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    const candidates = table.get(key) ?? [];
    const candidate: Candidate = {
      operationId: route.operationId,
      routeQuery: Object.entries(splitPathKey(route.pathKey).query),
      fixedQuery: Object.entries(route.fixedQuery),
    };
    const twin = candidates.find((other) => sameQuery(other.fixedQuery, candidate.fixedQuery));
    if (twin) {
      throw new Error(
        `The contract's ${twin.operationId} and ${route.operationId} are both ${key} with the same fixed query: give each its own action value.`,
      );
    }
    candidates.push(candidate);
    table.set(key, candidates);
  }

  return (method, path, query) => {
    const candidates = table.get(`${method} ${path}`);
    if (!candidates) return undefined;
    const only = candidates.length === 1 ? candidates[0] : undefined;
    if (only && only.routeQuery.length === 0) return only.operationId;
    const sent = singleValues(query);
    const carries = (pairs: [string, string][]) =>
      pairs.every(([name, value]) => sent.get(name) === value);
    const routed = candidates.filter((c) => carries(c.routeQuery));
    const exact = routed.filter((c) => carries(c.fixedQuery));
    if (exact.length === 1) return exact[0]?.operationId;
    return exact.length === 0 && routed.length === 1 ? routed[0]?.operationId : undefined;
  };
}

/** Each name's value where it is sent once; a name sent more than once maps to undefined. */
function singleValues(query: Iterable<readonly [string, string]>): Map<string, string | undefined> {
  const values = new Map<string, string | undefined>();
  for (const [name, value] of query) values.set(name, values.has(name) ? undefined : value);
  return values;
}

function sameQuery(a: [string, string][], b: [string, string][]): boolean {
  return (
    a.length === b.length &&
    a.every(([name, value]) => b.some(([n, v]) => n === name && v === value))
  );
}
