import { type JsonSchema, loadContract } from '@enos-trigger/spec';

export const contract = loadContract();

/** Every schema of the contract, with a readable location, depth first. */
export function* walkSchemas(schema: JsonSchema, at: string): Generator<[string, JsonSchema]> {
  yield [at, schema];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, child] of Object.entries(properties))
    yield* walkSchemas(child, `${at}.${name}`);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    const branches = (schema[key] ?? []) as JsonSchema[];
    for (const [i, child] of branches.entries()) yield* walkSchemas(child, `${at}.${key}[${i}]`);
  }
  if (schema.items) yield* walkSchemas(schema.items as JsonSchema, `${at}[]`);
  if (schema.not) yield* walkSchemas(schema.not as JsonSchema, `${at}!`);
}
