/**
 * The engine says where a body is wrong (JSON pointers); these say it in the run's own words:
 * what is there, and what the contract expects there, read from the schema the engine was
 * given (never the engine's own messages: no "No enum match", no "[object Object]").
 */
import type { PlannedTransaction } from '../plan/transactions.js';

/**
 * One sentence for each place of the body the engine found wrong: what it is, and what the
 * contract expects there, read from the schema it was given.
 */
export function schemaSentences(
  entry: Pick<PlannedTransaction, 'bodySchema'>,
  json: unknown,
  pointers: string[],
  quote: (value: unknown) => string,
): string[] {
  if (json === undefined) return ['the body is not JSON'];
  const seen = new Set<string>();
  const sentences: string[] = [];
  for (const pointer of pointers) {
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const path = pointer
      .split('/')
      .slice(1)
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    const name = path.length > 0 ? path.join('.') : 'the body';
    const expectation = describeSchema(nodesAt(entry.bodySchema, path));
    const actual = valueAt(json, path);
    const wants = expectation ? `, where the contract expects ${expectation}` : '';
    if (actual.found) sentences.push(`${name} is ${quote(actual.value)}${wants}`);
    else
      sentences.push(
        `${name} is missing${wants ? `${wants}` : ', where the contract requires it'}`,
      );
  }
  if (sentences.length === 0) sentences.push("the body does not match the contract's schema");
  return sentences;
}

function valueAt(json: unknown, path: string[]): { found: boolean; value?: unknown } {
  let current: unknown = json;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) {
      return { found: false };
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

type Schema = Record<string, unknown>;

/** Every schema node that applies at `path` (through allOf, anyOf, oneOf and properties). */
function nodesAt(schema: Schema, path: string[]): Schema[] {
  const flatten = (node: Schema): Schema[] => [
    node,
    ...(['allOf', 'anyOf', 'oneOf'] as const).flatMap((key) =>
      Array.isArray(node[key]) ? (node[key] as Schema[]).flatMap(flatten) : [],
    ),
  ];
  let nodes = flatten(schema);
  for (const key of path) {
    nodes = nodes.flatMap((node) => {
      const child = (node.properties as Record<string, Schema> | undefined)?.[key];
      return child ? flatten(child) : [];
    });
  }
  return nodes;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** What the nodes ask of a value, in words: `a string matching ^…$`, `null`, `an integer ≥ 1`. */
function describeSchema(nodes: Schema[]): string {
  const show = (value: unknown) => JSON.stringify(value) ?? String(value);
  const enums = nodes.map((n) => n.enum).find((e): e is unknown[] => Array.isArray(e));
  if (enums) {
    return enums.length === 1 ? show(enums[0]) : `one of ${enums.map(show).join(', ')}`;
  }
  const words: string[] = [];
  const type = nodes.map((n) => n.type).find((t) => t !== undefined);
  if (type !== undefined) {
    const types = Array.isArray(type) ? (type as string[]) : [type as string];
    words.push(types.map((t) => TYPE_WORDS[t] ?? t).join(' or '));
  }
  const pattern = nodes.map((n) => n.pattern).find((p) => typeof p === 'string');
  if (pattern !== undefined) words.push(`matching ${pattern as string}`);
  const minimum = nodes.map((n) => n.minimum).find((m) => typeof m === 'number');
  const maximum = nodes.map((n) => n.maximum).find((m) => typeof m === 'number');
  if (minimum !== undefined && maximum !== undefined) words.push(`from ${minimum} to ${maximum}`);
  else if (minimum !== undefined) words.push(`of at least ${minimum}`);
  else if (maximum !== undefined) words.push(`of at most ${maximum}`);
  return words.join(' ');
}
