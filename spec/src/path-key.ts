/**
 * A path key of the contract, split into the path a request goes to and the query values the
 * key fixes. OpenAPI 3.0 keys operations by path and method only; where EnOS tells operations
 * of one path apart by `action` alone, the contract writes that value into the path key
 * (`/batch-processing-service/v2.1/flowInstances?action=search`).
 */

export interface SplitPathKey {
  /** The request's path: the key up to `?`. */
  path: string;
  /** The query the key fixes, by name; empty for a key without `?`. */
  query: Readonly<Record<string, string>>;
}

export function splitPathKey(key: string): SplitPathKey {
  const mark = key.indexOf('?');
  if (mark === -1) return { path: key, query: {} };
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(key.slice(mark + 1))) {
    if (name === '' || value === '' || Object.hasOwn(query, name)) {
      throw new Error(
        `The contract's path key "${key}" must fix each query parameter once, as name=value with both non-empty.`,
      );
    }
    query[name] = value;
  }
  return { path: key.slice(0, mark), query };
}
