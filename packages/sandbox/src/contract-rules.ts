/**
 * Everything the sandbox takes from the contract, read and compiled once per process, the same
 * way for every operation: its route, the headers that authenticate it, its request validators,
 * its catalog answers and its gateway answers, every body pre-serialized. Nothing here names an
 * operation or restates a schema, a code, a status or a message; a missing piece of the contract
 * stops the sandbox at start.
 */
import {
  errorCatalog,
  findOperation,
  gatewayErrors,
  hasRequestBody,
  type JsonSchema,
  type OperationId,
  type OperationMatcher,
  operationIds,
  operationMatcher,
  operationRoute,
  type ParameterObject,
  type SecurityHeader,
  securityHeaders,
  successExample,
} from '@enos-trigger/spec';
import { compileSchema, createContractAjv } from '@enos-trigger/spec/validation';
import type { Answer } from './http-io.js';

/** A compiled validator: true, or false with the first reason in `errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null;
}

export interface ValidationError {
  instancePath: string;
  message?: string;
  keyword: string;
}

export interface GatewayAnswer {
  status: number;
  body: string;
  headers: string[];
}

/** One operation of the contract, as the generic request pipeline serves it. */
export interface OperationRules {
  id: OperationId;
  /** Upper case. */
  method: string;
  /** Without a query. */
  path: string;
  /** The query values that tell it apart from other operations of its path (`action=...`). */
  fixedQuery: Readonly<Record<string, string>>;
  /** The headers its security requirement names; empty for a public operation. */
  security: SecurityHeader[];
  /** Does it take a body (then declared as JSON in UTF-8, and validated)? */
  hasBody: boolean;
  /** The query parameters as one object schema; undefined when it has none. */
  validateQuery: Validator | undefined;
  /** The JSON request body's schema; undefined when it has no body. */
  validateBody: Validator | undefined;
  /** Every entry of its error catalog, by example name: the example's body, serialized. */
  answers: ReadonlyMap<string, string>;
  /** The gateway's answers, by status. */
  gateway: Map<number, GatewayAnswer>;
}

export interface ContractRules {
  /** Every operation of the contract, in the document's order. */
  operations: readonly OperationRules[];
  /** Which operation a request is, by method, path and fixed query (the spec's rule). */
  match: OperationMatcher;
  /** The gateway's answers for a request that reaches no operation (a failure, bytes not HTTP). */
  gateway: Map<number, GatewayAnswer>;
  /** Compile one more schema of the contract with the shared Ajv (at start only). */
  compile(schema: JsonSchema): Validator;
}

let cached: ContractRules | undefined;

/** The contract's rules, compiled on first use and shared by every sandbox of the process. */
export function contractRules(): ContractRules {
  cached ??= compileRules();
  return cached;
}

/**
 * Gateway answers the sandbox gives on every operation (body limit, faults, its own failure),
 * and on signed operations (401) and those with a body (400, content type).
 */
const GATEWAY_ALWAYS = [413, 429, 500, 503];
const GATEWAY_SIGNED = 401;
const GATEWAY_BODY = 400;

function compileRules(): ContractRules {
  // One Ajv, first error only: the sandbox needs a verdict and one reason, not a report.
  const ajv = createContractAjv({ allErrors: false });
  const compile = (schema: JsonSchema) => compileSchema(schema, ajv) as Validator;
  const operations = operationIds().map((id) => compileOperation(id, compile));
  // The answers to a request no operation takes: the sandbox's own failure (500) and bytes that
  // are not HTTP (400), from the first operation that documents both.
  const fallback = operations.find((op) => op.gateway.has(500) && op.gateway.has(GATEWAY_BODY));
  if (!fallback) throw contractGap(`no operation documents gateway ${GATEWAY_BODY} and 500`);
  return {
    operations,
    match: operationMatcher(),
    gateway: fallback.gateway,
    compile,
  };
}

function compileOperation(
  id: OperationId,
  compile: (schema: JsonSchema) => Validator,
): OperationRules {
  const { method, path, fixedQuery } = operationRoute(id);
  const { operation } = findOperation(id);
  const security = securityHeaders(id);
  const hasBody = hasRequestBody(id);
  const query = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const rules: OperationRules = {
    id,
    method,
    path,
    fixedQuery,
    security,
    hasBody,
    validateQuery: query.length > 0 ? compile(parametersSchema(query)) : undefined,
    validateBody: hasBody ? compile(requestSchema(id)) : undefined,
    answers: catalogAnswers(id),
    gateway: gatewayAnswers(id),
  };
  const needed = [
    ...GATEWAY_ALWAYS,
    ...(security.length > 0 ? [GATEWAY_SIGNED] : []),
    ...(hasBody ? [GATEWAY_BODY] : []),
  ];
  for (const status of needed) {
    if (!rules.gateway.has(status)) throw contractGap(`${id} documents no gateway ${status}`);
  }
  return rules;
}

/** The JSON schema of an operation's request body. */
export function requestSchema(operationId: OperationId): JsonSchema {
  const schema =
    findOperation(operationId).operation.requestBody?.content['application/json']?.schema;
  if (!schema) throw contractGap(`${operationId} has no JSON request body schema`);
  return schema;
}

/** A property of an object schema of the contract. */
export function property(schema: JsonSchema, name: string): JsonSchema {
  const found = (schema.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (!found) throw contractGap(`the request body has no property "${name}"`);
  return found;
}

/** The schema of an operation's parameter. */
export function parameter(operationId: OperationId, name: string): JsonSchema {
  const found = findOperation(operationId).operation.parameters?.find((p) => p.name === name);
  if (!found) throw contractGap(`${operationId} has no parameter "${name}"`);
  return found.schema;
}

/** The query parameters as one object schema, so a single compiled call checks them all. */
function parametersSchema(query: ParameterObject[]): JsonSchema {
  return {
    type: 'object',
    required: query.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
  };
}

/** Each catalog entry's answer: its example's body, as the contract writes it. */
function catalogAnswers(operationId: OperationId): Map<string, string> {
  return new Map(
    errorCatalog(operationId).map((entry) => [entry.name, JSON.stringify(entry.value)]),
  );
}

/** Every gateway answer the operation documents (`gatewayErrors`), each with its message. */
function gatewayAnswers(operationId: OperationId): Map<number, GatewayAnswer> {
  return new Map(
    gatewayErrors(operationId).map(({ status, message, headers }) => {
      if (typeof message !== 'string') {
        throw contractGap(
          `${operationId} documents no gateway answer with a message for ${status}`,
        );
      }
      return [status, { status, body: JSON.stringify({ message }), headers }];
    }),
  );
}

/** What a business handler answers with, built once at start from its operation's contract. */
export interface HandlerAnswers<Name extends string> {
  /** The catalog answers the handler names, by name, each checked to exist. */
  answers: Record<Name, string>;
  /** A catalog answer: HTTP 200, the example's body, and why. */
  refuse(name: Name, reason: string): Answer;
  /** The success example, its `data` with these fields replaced. */
  success(data: object): Answer;
  /** The success example with `data` replaced whole. */
  successWith(data: unknown): Answer;
  /** The success example as it is, for an answer with no data of its own. */
  successAsIs: Answer;
}

/** The catalog answers an operation's handler names, each checked to exist, and its success. */
export function handlerAnswers<Name extends string>(
  rules: OperationRules,
  names: readonly Name[],
): HandlerAnswers<Name> {
  const answers = {} as Record<Name, string>;
  for (const name of names) {
    const body = rules.answers.get(name);
    if (body === undefined) {
      throw contractGap(`the ${rules.id} error catalog has no example "${name}"`);
    }
    answers[name] = body;
  }
  const example = successExample(rules.id).value as { data: object };
  return {
    answers,
    refuse: (name, reason) => ({ status: 200, body: answers[name], reason }),
    success: (data) => ({
      status: 200,
      body: JSON.stringify({ ...example, data: { ...example.data, ...data } }),
    }),
    successWith: (data) => ({ status: 200, body: JSON.stringify({ ...example, data }) }),
    successAsIs: { status: 200, body: JSON.stringify(example) },
  };
}

export function contractGap(what: string): Error {
  return new Error(
    `The sandbox cannot start: ${what}. Rebuild @enos-trigger/spec, or fix the contract.`,
  );
}
