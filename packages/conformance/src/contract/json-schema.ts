/**
 * Dredd's validator (Gavel, on ajv 6) reads JSON Schema draft-07, not OpenAPI 3.0 schemas. This
 * turns one schema of the dereferenced contract into the draft-07 equivalent Gavel can check:
 *
 * - `nullable: true` becomes a type list with "null" (draft-07 has no `nullable`);
 * - the `int32` format becomes its range (ajv 6 throws on a format it does not know); `int64`
 *   is dropped, since every JSON number a JavaScript parser reads is within it;
 * - `example`, and every `x-` extension, are dropped: they annotate, and Gavel's meta-schema
 *   check would otherwise have to tolerate them.
 */
import type { JsonSchema } from '@enos-trigger/spec';

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

const INT32 = { minimum: -(2 ** 31), maximum: 2 ** 31 - 1 };

/** Formats ajv 6 validates out of the box; any other would make it throw. */
const AJV6_FORMATS = new Set([
  'date',
  'time',
  'date-time',
  'uri',
  'uri-reference',
  'uri-template',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'relative-json-pointer',
]);

const DROPPED = new Set([
  'example',
  'examples',
  'nullable',
  'discriminator',
  'xml',
  'externalDocs',
]);

/** A draft-07 document (with `$schema`) equivalent to an OpenAPI 3.0 schema. */
export function toDraft07(schema: JsonSchema): JsonSchema {
  return { $schema: DRAFT_07, ...convert(schema) };
}

function convert(node: unknown): JsonSchema {
  const schema = node as JsonSchema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    out[key] = convertKeyword(key, value);
  }
  if (schema.nullable === true && typeof schema.type === 'string') {
    out.type = [schema.type, 'null'];
  }
  if (schema.format === 'int32') {
    delete out.format;
    out.minimum = Math.max(INT32.minimum, (schema.minimum as number | undefined) ?? -Infinity);
    out.maximum = Math.min(INT32.maximum, (schema.maximum as number | undefined) ?? Infinity);
  } else if (typeof schema.format === 'string' && !AJV6_FORMATS.has(schema.format)) {
    delete out.format;
  }
  return out;
}

function convertKeyword(key: string, value: unknown): unknown {
  switch (key) {
    case 'properties':
    case 'patternProperties':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, child]) => [
          name,
          convert(child),
        ]),
      );
    case 'items':
    case 'additionalProperties':
    case 'not':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? convert(value)
        : value;
    case 'oneOf':
    case 'anyOf':
    case 'allOf':
      return (value as unknown[]).map(convert);
    default:
      return value;
  }
}
