/**
 * The copy of a contract that Prism serves. OpenAPI keys operations by path and method only, so
 * the contract writes a fixed query into the path keys of operations that share a path
 * (`/…/flowInstances?action=search`); Prism cannot route such a key (its request paths never
 * hold a `?`), and two POSTs share the real path. In the copy, each such key becomes a path of
 * its own, the key's query joined to its path with `;` (`/…/flowInstances;action=search`): the
 * mock's front sends each request of that operation there. Everything else is kept as it is.
 */
import { splitPathKey } from '@enos-trigger/spec';

/** The internal path of each path key that carries a query; keys without one are not listed. */
export type InternalPaths = ReadonlyMap<string, string>;

interface Document {
  paths: Record<string, unknown>;
}

/** A `$ref` prefix and what it becomes. */
type Rename = [from: string, to: string];

const QUERY_MARK = ';';

/** `/a?x=1` → `/a;x=1`: the path, then the key's query as written. */
function internalPathOf(pathKey: string): string {
  const mark = pathKey.indexOf('?');
  return `${pathKey.slice(0, mark)}${QUERY_MARK}${pathKey.slice(mark + 1)}`;
}

/** The JSON pointer of a path item, as a `$ref` names it. */
function pointerOf(pathKey: string): string {
  return `#/paths/${pathKey.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/**
 * The contract's copy with every query-carrying path key renamed to its internal path, and the
 * renaming. `$ref`s into a renamed path item (a bundler may point shared parts there) follow it.
 */
export function withInternalPaths<T extends Document>(
  document: T,
): { document: T; internalPaths: InternalPaths } {
  const internalPaths = new Map<string, string>();
  for (const pathKey of Object.keys(document.paths)) {
    if (!pathKey.includes('?')) continue;
    splitPathKey(pathKey); // throws, saying how to write the key, on a malformed query
    const internal = internalPathOf(pathKey);
    if (Object.hasOwn(document.paths, internal)) {
      throw new Error(
        `the path key "${pathKey}" needs the internal path "${internal}", which the contract already has: rename that path.`,
      );
    }
    internalPaths.set(pathKey, internal);
  }
  const renamedRefs = [...internalPaths].map(
    ([key, internal]): Rename => [pointerOf(key), pointerOf(internal)],
  );
  const copy = structuredClone(document);
  copy.paths = Object.fromEntries(
    Object.entries(copy.paths).map(([key, item]) => [internalPaths.get(key) ?? key, item]),
  );
  return { document: followRenames(copy, renamedRefs) as T, internalPaths };
}

/** `value` with each `$ref` that starts with a renamed pointer pointing at the new one. */
function followRenames(value: unknown, renames: readonly Rename[]): unknown {
  if (renames.length === 0 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => followRenames(item, renames));
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (key !== '$ref' || typeof child !== 'string') return [key, followRenames(child, renames)];
      const rename = renames.find(([from]) => child === from || child.startsWith(`${from}/`));
      return [key, rename ? `${rename[1]}${child.slice(rename[0].length)}` : child];
    }),
  );
}
