/**
 * The negative lane's bodies of an operation without a role, from the contract alone: its
 * request body with one thing broken each (a required field left out, a field given a value of
 * another type or out of its range), and bodies that are no JSON object at all. Only bodies the
 * operation's request schema refuses are kept (ajv).
 *
 * Every broken field is the field itself, never another field beside a valid one: a body that
 * names an instance (Cancel Flow Instance's `flowInstId`) names it only by a value no lenient
 * server can read as an ID, so no generated body can change what the run did not make.
 */
import { validator } from '../contract/validators.js';
import type { OperationView } from '../contract/view.js';

export interface BodyCase {
  label: string;
  body: string;
}

/** Bodies that are not a JSON object: each is refused whatever the schema. */
const NOT_AN_OBJECT = ['', '{', '{"', 'null', '[]', '"text"', '0', 'true'];

/** Values tried in each field; only those that make the body invalid are sent. */
const VALUES: unknown[] = [null, true, 0, -1, 1.5, 2 ** 31, 2 ** 63, '', 'not-a-value', {}, []];

/**
 * Invalid bodies of the operation, from `base` (the body its examples make), at most `runs`:
 * fields taken in turn, so that a small `runs` still breaks each of them once. None for an
 * operation without a request body.
 */
export function bodyCases(op: OperationView, base: string, runs: number): BodyCase[] {
  const schema = op.requestSchema;
  if (schema === undefined || runs === 0) return [];
  const valid = validator(schema);
  const parsed = parseObject(base);
  const refused = (body: unknown) => !valid(body);
  const perField: BodyCase[][] = [];
  for (const name of (schema.required ?? []) as string[]) {
    const { [name]: _left, ...rest } = parsed;
    if (refused(rest)) perField.push([{ label: `no ${name}`, body: JSON.stringify(rest) }]);
  }
  for (const path of fieldPaths(parsed, [])) {
    const label = path.join('.');
    perField.push(
      VALUES.map((value) => ({ value, body: setAt(parsed, path, value) }))
        .filter(({ body }) => refused(body))
        .map(({ value, body }) => ({
          label: `${label} ${shown(value)}`,
          body: JSON.stringify(body),
        })),
    );
  }
  const junk = NOT_AN_OBJECT.map((body) => ({ label: `body ${JSON.stringify(body)}`, body }));
  return interleave([junk, ...perField]).slice(0, runs);
}

/** The paths of every field of the body (objects, and the first item of arrays), depth first. */
function fieldPaths(value: unknown, path: string[]): string[][] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [] : fieldPaths(value[0], [...path, '0']);
  }
  if (typeof value !== 'object' || value === null) return path.length === 0 ? [] : [path];
  return [
    ...(path.length === 0 ? [] : [path]),
    ...Object.entries(value).flatMap(([key, child]) => fieldPaths(child, [...path, key])),
  ];
}

/** A copy of `json` with the value at `path` replaced. */
function setAt(json: unknown, path: string[], value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (Array.isArray(json)) {
    const copy = [...json];
    copy[Number(key)] = setAt(copy[Number(key)], rest, value);
    return copy;
  }
  const object = (json ?? {}) as Record<string, unknown>;
  return { ...object, [key]: setAt(object[key], rest, value) };
}

/** The first of each list, then the second of each, and so on. */
function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; lists.some((list) => i < list.length); i += 1) {
    for (const list of lists) if (i < list.length) out.push(list[i] as T);
  }
  return out;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const json = JSON.parse(text) as unknown;
    return typeof json === 'object' && json !== null && !Array.isArray(json)
      ? (json as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 20 ? `${text.slice(0, 20)}…` : text;
}
