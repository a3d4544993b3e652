/**
 * The request an operation's contract calls invalid, made from its success request with one
 * thing broken, chosen from the contract alone, in this order:
 *
 * 1. a field the request body schema requires, left out (`a body without flowInstId`);
 * 2. a required query parameter the run's identity does not give, left out (`no flowInstId`);
 * 3. a number of the body under its schema's `minimum` (`pagination.pageNo 0`);
 * 4. a required query parameter of the identity, left out (`no userId`).
 *
 * A fixed query value (`action=...`) is never broken: another value is another operation. It is
 * what the run sends to draw an operation's "invalid request" catalog answer.
 */
import type { JsonSchema } from '@enos-trigger/spec';
import type { OperationView } from '../contract/view.js';
import { IDENTITY_PARAMETERS, type Query } from '../http/api.js';

export interface InvalidChange {
  /** What is wrong with the request, in a few words. */
  how: string;
  /** The success request's query and body, broken. */
  apply(request: { query: Query; body: string }): { query: Query; body: string };
}

/** The change, found in the operation's schemas and the body it sends; undefined: none. */
export function invalidRequestChange(
  op: OperationView,
  sampleBody: string,
): InvalidChange | undefined {
  const required = (op.requestSchema?.required ?? []) as string[];
  const [field] = required;
  if (field !== undefined) {
    return {
      how: `a body without ${field}`,
      apply: ({ query, body }) => ({ query, body: withBody(body, (json) => delete json[field]) }),
    };
  }
  const parameters = op.query.filter((p) => p.required && !isFixed(p.schema));
  const outside = parameters.find((p) => !IDENTITY_PARAMETERS.includes(p.name));
  if (outside) return leaveOut(outside.name);
  const under = numberUnderMinimum(op.requestSchema, parseObject(sampleBody), []);
  if (under) {
    const { path, value, minimum } = under;
    return {
      how: `${path.join('.')} ${value}, under its minimum ${minimum}`,
      apply: ({ query, body }) => ({
        query,
        body: withBody(body, (json) => setAt(json, path, value)),
      }),
    };
  }
  const identity = parameters[0];
  return identity ? leaveOut(identity.name) : undefined;
}

function leaveOut(name: string): InvalidChange {
  return {
    how: `no ${name}`,
    apply: ({ query, body }) => ({ query: query.filter(([key]) => key !== name), body }),
  };
}

/** A required parameter with one allowed value tells operations apart: it is not broken. */
function isFixed(schema: JsonSchema): boolean {
  return Array.isArray(schema.enum) && schema.enum.length === 1;
}

/** The first number of `body`, in its order, whose schema has a minimum; depth first. */
function numberUnderMinimum(
  schema: JsonSchema | undefined,
  body: unknown,
  path: string[],
): { path: string[]; value: number; minimum: number } | undefined {
  if (schema === undefined) return undefined;
  if (typeof body === 'number' && typeof schema.minimum === 'number') {
    return { path, value: schema.minimum - 1, minimum: schema.minimum };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [key, value] of Object.entries(body)) {
    const found = numberUnderMinimum(properties[key], value, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The body with `change` made to its JSON object (a body that is none is sent as `{}`, changed). */
function withBody(body: string, change: (json: Record<string, unknown>) => void): string {
  const json = parseObject(body) ?? {};
  change(json);
  return JSON.stringify(json);
}

function setAt(json: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = json;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) return;
    node = next as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}
