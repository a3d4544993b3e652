/**
 * Everything the sandbox takes from the contract, read and compiled once per process: the
 * routes, the request validators, and every answer body pre-serialized. Nothing here restates a
 * schema, a code or a message; a missing piece of the contract stops the sandbox at start.
 */
import {
  errorCatalog,
  findOperation,
  gatewayErrors,
  type JsonSchema,
  type OperationId,
  type ParameterObject,
  successExample,
} from '@enos-trigger/spec';
import { compileSchema, createContractAjv } from '@enos-trigger/spec/validation';

/** The catalog entries the sandbox answers with, by their example name in the contract. */
export const TRIGGER_ANSWERS = [
  'userNotInOrg',
  'invalidRequestBody',
  'cannotCreateInstance',
  'noPrivilege',
  'noTask',
  'userLocked',
  'workflowLocked',
  'internalError',
] as const;
export type TriggerAnswer = (typeof TRIGGER_ANSWERS)[number];

export const TOKEN_ANSWERS = [
  'duplicatedEncryption',
  'appKeyNotFound',
  'invalidEncryption',
  'invalidParameter',
  'emptyParameter',
  'internalError',
] as const;
export type TokenAnswer = (typeof TOKEN_ANSWERS)[number];

/** A compiled validator: true, or false with the first reason in `errors`. */
export interface Validator {
  (data: unknown): boolean;
  errors?: { instancePath: string; message?: string; keyword: string }[] | null;
}

export interface GatewayAnswer {
  status: number;
  body: string;
  headers: string[];
}

export interface Route {
  path: string;
  method: string;
}

export interface ContractRules {
  trigger: Route & {
    validateQuery: Validator;
    validateBody: Validator;
    /** Validates a flow ID on its own: fixtures must hold IDs the contract can carry. */
    validateFlowId: Validator;
    validateUserId: Validator;
    validateOrgId: Validator;
    answers: Record<TriggerAnswer, string>;
    success(flowInstanceId: string): string;
    gateway: Map<number, GatewayAnswer>;
  };
  token: Route & {
    validateBody: Validator;
    validateAppKey: Validator;
    answers: Record<TokenAnswer, string>;
    success(accessToken: string, expire: number): string;
    gateway: Map<number, GatewayAnswer>;
    /** The lifetime of a token in the contract's success example, in seconds. */
    defaultLifetimeSeconds: number;
  };
}

let cached: ContractRules | undefined;

/** The contract's rules, compiled on first use and shared by every sandbox of the process. */
export function contractRules(): ContractRules {
  cached ??= compileRules();
  return cached;
}

function compileRules(): ContractRules {
  // One Ajv, first error only: the sandbox needs a verdict and one reason, not a report.
  const ajv = createContractAjv({ allErrors: false });
  const compile = (schema: JsonSchema) => compileSchema(schema, ajv) as Validator;

  const trigger = findOperation('triggerFlow');
  const triggerBody = requestSchema('triggerFlow');
  const parameters = trigger.operation.parameters ?? [];
  const triggerSuccess = successExample('triggerFlow').value as { data: object };

  const token = findOperation('getAccessToken');
  const tokenBody = requestSchema('getAccessToken');
  const tokenSuccess = successExample('getAccessToken').value as {
    data: { expire: number };
  };

  return {
    trigger: {
      path: trigger.path,
      method: trigger.method.toUpperCase(),
      validateQuery: compile(parametersSchema(parameters)),
      validateBody: compile(triggerBody),
      validateFlowId: compile(property(triggerBody, 'flowId')),
      validateUserId: compile(parameter(parameters, 'userId')),
      validateOrgId: compile(parameter(parameters, 'orgId')),
      answers: catalogAnswers('triggerFlow', TRIGGER_ANSWERS, (code, msg) => ({
        code,
        msg,
        data: null,
      })),
      success: (flowInstanceId) =>
        JSON.stringify({ ...triggerSuccess, data: { ...triggerSuccess.data, flowInstanceId } }),
      gateway: gatewayAnswers('triggerFlow'),
    },
    token: {
      path: token.path,
      method: token.method.toUpperCase(),
      validateBody: compile(tokenBody),
      validateAppKey: compile(property(tokenBody, 'appKey')),
      answers: catalogAnswers('getAccessToken', TOKEN_ANSWERS, (status, msg) => ({
        ...tokenSuccess,
        status,
        msg,
        data: null,
      })),
      success: (accessToken, expire) =>
        JSON.stringify({ ...tokenSuccess, data: { ...tokenSuccess.data, accessToken, expire } }),
      gateway: gatewayAnswers('getAccessToken'),
      defaultLifetimeSeconds: tokenSuccess.data.expire,
    },
  };
}

function requestSchema(operationId: OperationId): JsonSchema {
  const schema =
    findOperation(operationId).operation.requestBody?.content['application/json']?.schema;
  if (!schema) throw contractGap(`${operationId} has no JSON request body schema`);
  return schema;
}

function property(schema: JsonSchema, name: string): JsonSchema {
  const found = (schema.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (!found) throw contractGap(`the request body has no property "${name}"`);
  return found;
}

function parameter(parameters: ParameterObject[], name: string): JsonSchema {
  const found = parameters.find((p) => p.name === name);
  if (!found) throw contractGap(`triggerFlow has no query parameter "${name}"`);
  return found.schema;
}

/** The query parameters as one object schema, so a single compiled call checks them all. */
function parametersSchema(parameters: ParameterObject[]): JsonSchema {
  const query = parameters.filter((p) => p.in === 'query');
  return {
    type: 'object',
    required: query.filter((p) => p.required).map((p) => p.name),
    properties: Object.fromEntries(query.map((p) => [p.name, p.schema])),
  };
}

function catalogAnswers<Name extends string>(
  operationId: OperationId,
  names: readonly Name[],
  envelope: (code: number, message: string) => object,
): Record<Name, string> {
  const catalog = errorCatalog(operationId);
  const answers = {} as Record<Name, string>;
  for (const name of names) {
    const entry = catalog.find((e) => e.name === name);
    if (!entry) throw contractGap(`the ${operationId} error catalog has no example "${name}"`);
    answers[name] = JSON.stringify(envelope(entry.code, entry.message));
  }
  return answers;
}

/** HTTP statuses the sandbox's gateway answers on each operation. */
const GATEWAY_STATUSES: Record<OperationId, number[]> = {
  triggerFlow: [400, 401, 413, 429, 500, 503],
  getAccessToken: [400, 413, 429, 500, 503],
};

function gatewayAnswers(operationId: OperationId): Map<number, GatewayAnswer> {
  const answers = new Map(
    gatewayErrors(operationId).map((e) => [
      e.status,
      { status: e.status, body: JSON.stringify({ message: e.message }), headers: e.headers },
    ]),
  );
  for (const status of GATEWAY_STATUSES[operationId]) {
    if (!answers.get(status)?.body.includes('"message":"')) {
      throw contractGap(`${operationId} documents no gateway answer with a message for ${status}`);
    }
  }
  return answers;
}

function contractGap(what: string): Error {
  return new Error(
    `The sandbox cannot start: ${what}. Rebuild @enos-trigger/spec, or fix the contract.`,
  );
}
