/**
 * The contract's OpenAPI links: how a value of one operation's success answer feeds another
 * operation's request (Trigger Flow's answer gives the `flowInstId` of Get Flow Instance). The
 * run follows them, so that an operation about something the run made is sent with what the
 * run made, not with an example that names nothing on the server under test.
 *
 * A link's `parameters` give query parameters by name (`flowInstId`, or `query.flowInstId`);
 * its `requestBody`, the whole body. Each value is a constant or a runtime expression: a string
 * that is one (`$response.body#/data/flowInstanceId`), or that embeds them in braces
 * (`"{$response.body#/data/flowInstanceId}"`; a string that is only that keeps the value's JSON
 * type). The run evaluates `$response.body#…`, `$request.query.…` and `$request.body#…`,
 * against the source's success request and answer; a link with any other expression is not
 * followed, and says why.
 */
import { documentOperations, type OpenApiDocument } from '@enos-trigger/spec';

export interface OperationLink {
  /** Its name in the contract. */
  name: string;
  /** The operation whose success answer carries it. */
  source: string;
  /** The operation it leads to. */
  target: string;
  /** The target's query parameters, by name: a constant or an expression. */
  parameters: Record<string, unknown>;
  /** The target's whole request body, when the link gives one. */
  requestBody?: unknown;
}

/** What a link is evaluated against: the source's success request, and its answer. */
export interface LinkSource {
  query: [string, string][];
  body: string;
  /** The answer's body, parsed; undefined when it is not JSON. */
  json: unknown;
}

/** A link's values for the target's request, or why there are none. */
export type LinkValues =
  | { ok: true; query: [string, string][]; body?: string }
  | { ok: false; reason: string };

/** The query location a link may qualify a parameter name with (`query.flowInstId`). */
const QUERY_PREFIX = 'query.';

/** An expression as a whole string, or embedded in braces. */
const WHOLE = /^\$/;
const EMBEDDED = /\{(\$[^{}]+)\}/g;
const ONLY_EMBEDDED = /^\{(\$[^{}]+)\}$/;
const EMBEDDED_ONE = /\{\$[^{}]+\}/;

/**
 * Every link of the success (2xx) answers of the document's operations, in the document's
 * order. A link of an error answer is not followed: the run sends what follows a success.
 * Throws for a link the run could not send: by `operationRef`, to an unknown operation, or
 * naming a query parameter its target does not have.
 */
export function documentLinks(
  document: OpenApiDocument,
  problem: (message: string) => Error,
): OperationLink[] {
  const operations = documentOperations(document).map(({ operation }) => operation);
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  const links: OperationLink[] = [];
  for (const source of operations) {
    for (const [status, response] of Object.entries(source.responses ?? {})) {
      if (!status.startsWith('2')) continue;
      const found = (response as { links?: Record<string, Record<string, unknown>> }).links;
      for (const [name, link] of Object.entries(found ?? {})) {
        const where = `The contract's link "${name}" of ${source.operationId}`;
        const target = link.operationId;
        if (typeof target !== 'string') {
          throw problem(`${where} has no operationId: name its operation by operationId.`);
        }
        const operation = byId.get(target);
        if (!operation) throw problem(`${where} leads to "${target}", which it does not have.`);
        const query = new Set(
          (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        );
        const parameters: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(
          (link.parameters ?? {}) as Record<string, unknown>,
        )) {
          const param = key.startsWith(QUERY_PREFIX) ? key.slice(QUERY_PREFIX.length) : key;
          if (!query.has(param)) {
            throw problem(`${where} names "${key}", which is no query parameter of ${target}.`);
          }
          parameters[param] = value;
        }
        if (link.requestBody !== undefined && operation.requestBody === undefined) {
          throw problem(`${where} gives a request body to ${target}, which takes none.`);
        }
        links.push({
          name,
          source: source.operationId,
          target,
          parameters,
          ...(link.requestBody === undefined ? {} : { requestBody: link.requestBody }),
        });
      }
    }
  }
  return links;
}

/** The expressions a link's values use, as written. */
export function linkExpressions(link: OperationLink): string[] {
  const found: string[] = [];
  const walk = (value: unknown, parameter: boolean): void => {
    if (typeof value === 'string') {
      if (parameter && WHOLE.test(value)) found.push(value);
      else for (const match of value.matchAll(EMBEDDED)) found.push(match[1] as string);
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, false);
    } else if (typeof value === 'object' && value !== null) {
      for (const item of Object.values(value)) walk(item, false);
    }
  };
  for (const value of Object.values(link.parameters)) walk(value, true);
  if (typeof link.requestBody === 'string' && WHOLE.test(link.requestBody)) {
    found.push(link.requestBody);
  } else {
    walk(link.requestBody, false);
  }
  return found;
}

/**
 * What a link fills in from an answer: the names of the parameters and the paths of the body
 * fields whose values are expressions (`flowInstId`, `pagination.pageNo`), or `the body`.
 */
export function linkedNames(link: OperationLink): string[] {
  const expressive = (value: unknown, parameter: boolean): boolean =>
    typeof value === 'string' && ((parameter && WHOLE.test(value)) || EMBEDDED_ONE.test(value));
  const names = Object.entries(link.parameters)
    .filter(([, value]) => expressive(value, true))
    .map(([name]) => name);
  if (typeof link.requestBody === 'string' && WHOLE.test(link.requestBody)) {
    return [...names, 'the body'];
  }
  const walk = (value: unknown, path: string[]): void => {
    if (expressive(value, false)) names.push(path.join('.'));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    }
  };
  walk(link.requestBody, []);
  return names;
}

/** Why the run cannot evaluate an expression, or undefined when it can. */
export function unsupportedExpression(expression: string): string | undefined {
  return /^\$response\.body(#|$)|^\$request\.body(#|$)|^\$request\.query\.[^.]+$/.test(expression)
    ? undefined
    : `its expression ${expression} is not one the run evaluates ($response.body, $request.query, $request.body)`;
}

/**
 * The target's query values and body from a link: each expression evaluated by `evaluate`
 * (undefined: no value), every constant as the contract writes it. The first expression without
 * a value makes the whole link unusable, saying which.
 */
export function linkValues(
  link: OperationLink,
  evaluate: (expression: string) => unknown,
): LinkValues {
  let missing: string | undefined;
  const valueFor = (expression: string): unknown => {
    const value = evaluate(expression);
    if ((value === undefined || value === null) && missing === undefined) missing = expression;
    return value;
  };
  const fill = (value: unknown, parameter: boolean): unknown => {
    if (typeof value === 'string') {
      if (parameter && WHOLE.test(value)) return valueFor(value);
      const only = ONLY_EMBEDDED.exec(value);
      if (only) return valueFor(only[1] as string);
      return value.replace(EMBEDDED, (_, expression: string) => text(valueFor(expression)));
    }
    if (Array.isArray(value)) return value.map((item) => fill(item, false));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, false)]));
    }
    return value;
  };
  const query = Object.entries(link.parameters).map(([name, value]): [string, string] => [
    name,
    text(fill(value, true)),
  ]);
  const body =
    link.requestBody === undefined
      ? undefined
      : JSON.stringify(
          typeof link.requestBody === 'string' && WHOLE.test(link.requestBody)
            ? valueFor(link.requestBody)
            : fill(link.requestBody, false),
        );
  if (missing !== undefined) return { ok: false, reason: `gave no value for ${missing}` };
  return { ok: true, query, ...(body === undefined ? {} : { body }) };
}

/** An expression's value in the source's request and answer; undefined when it has none. */
export function evaluateIn(source: LinkSource, expression: string): unknown {
  const [where, pointer = ''] = expression.split('#', 2) as [string, string?];
  if (where === '$response.body') return atPointer(source.json, pointer);
  if (where === '$request.body') return atPointer(parse(source.body), pointer);
  const name = /^\$request\.query\.(.+)$/.exec(where)?.[1];
  return name === undefined ? undefined : source.query.find(([key]) => key === name)?.[1];
}

/** The value at a JSON pointer (RFC 6901); undefined where there is none. */
function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A value as query text: a string as it is, anything else as its JSON. */
function text(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}
