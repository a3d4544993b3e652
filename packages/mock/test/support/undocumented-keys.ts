/** Finds the object keys of a value that no schema of the contract lists. */
import type { JsonSchema } from '@enos-trigger/spec';

function branches(schema: JsonSchema): JsonSchema[] {
  const nested = ['oneOf', 'anyOf', 'allOf'].flatMap((key) => (schema[key] ?? []) as JsonSchema[]);
  return [schema, ...nested.flatMap(branches)];
}

/**
 * Paths such as `data.extra` of the keys in `value` that no branch of the schemas declares
 * (a key counts as documented when any branch lists it).
 */
export function undocumentedKeys(value: unknown, schemas: JsonSchema[], at = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  const properties = schemas
    .flatMap(branches)
    .map((branch) => (branch.properties ?? {}) as Record<string, JsonSchema>);
  return Object.entries(value).flatMap(([key, child]) => {
    const declared = properties.flatMap((listed) => (listed[key] ? [listed[key]] : []));
    const path = at ? `${at}.${key}` : key;
    return declared.length === 0 ? [path] : undocumentedKeys(child, declared, path);
  });
}
