/**
 * The contract, as built from openapi.yaml: the dereferenced document and typed readers of
 * what other packages derive from it. Nothing here restates a fact of the contract; every
 * value is read from dist/openapi.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  FLOW_INSTANCE_STATUS_SCHEMA,
  type FlowInstanceStatusInfo,
  statusesOfSchema,
} from './flow-instance-statuses.js';
import { OPERATION_IDS as OPERATION_ID_LIST, type OperationId } from './generated/operation-ids.js';
import { matcherOf, type OperationMatcher } from './operation-matcher.js';
import { splitPathKey } from './path-key.js';

export {
  type ArazzoDocument,
  type BehaviourCriterion,
  type BehaviourEvidence,
  type BehaviourParameter,
  type BehaviourStep,
  type BehaviourWorkflow,
  behaviourFiles,
  behaviourWorkflows,
  loadBehaviour,
} from './behaviour-workflows.js';
export type { FlowInstanceStatusInfo } from './flow-instance-statuses.js';
export {
  FLOW_INSTANCE_STATUSES,
  type FlowInstanceStatusCode,
  type FlowInstanceStatusName,
} from './generated/flow-instance-statuses.js';
export { OPERATION_IDS, type OperationId } from './generated/operation-ids.js';
export type { OperationMatcher } from './operation-matcher.js';
export { type SplitPathKey, splitPathKey } from './path-key.js';

export type JsonSchema = Record<string, unknown>;

export interface MediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, ExampleObject>;
}

export interface ExampleObject {
  summary?: string;
  description?: string;
  value: unknown;
  'x-enos-error'?: { evidence: CatalogEvidence; basis: string; advice: string };
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, { schema?: JsonSchema; description?: string }>;
  content?: Record<string, MediaType>;
}

export interface ParameterObject {
  name: string;
  in: 'query' | 'header' | 'path' | 'cookie';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
  example?: unknown;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  servers: { url: string; description?: string; variables?: Record<string, unknown> }[];
  paths: Record<string, Record<string, OperationObject>>;
  security: Record<string, string[]>[];
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: string; in?: string; name?: string }>;
    examples: Record<string, ExampleObject>;
    responses: Record<string, ResponseObject>;
  };
}

export type Evidence = 'documented' | 'inferred';

/** Where the built contract lives, for tools that take a file (Prism, Dredd, Redocly). */
export const contractFiles = {
  /** Bundled YAML: one file, $refs kept inside it. */
  yaml: fileURLToPath(new URL('./openapi.yaml', import.meta.url)),
  /** Dereferenced JSON: no $ref left. */
  json: fileURLToPath(new URL('./openapi.json', import.meta.url)),
} as const;

let cached: OpenApiDocument | undefined;

/** The dereferenced contract, read once per process. */
export function loadContract(): OpenApiDocument {
  cached ??= JSON.parse(readFileSync(contractFiles.json, 'utf8')) as OpenApiDocument;
  return cached;
}

export interface LocatedOperation {
  path: string;
  method: string;
  operation: OperationObject;
}

export function findOperation(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): LocatedOperation {
  const found = documentOperations(contract).find((entry) => entry.operationId === operationId);
  if (found) return { path: found.path, method: found.method, operation: found.operation };
  throw new Error(`The contract has no operation "${operationId}". Rebuild @enos-trigger/spec.`);
}

/** What a part of a catalog entry rests on: `unknown` is a value no public page gives. */
export type PartEvidence = Evidence | 'unknown';

/** The parts of a catalog entry whose evidence the contract records one by one. */
export interface CatalogEvidence {
  code: PartEvidence;
  /** The message text: `unknown` where only the code is documented. */
  message: PartEvidence;
  /** The HTTP status the answer comes with. */
  status: PartEvidence;
  when: PartEvidence;
}

/** One entry of an operation's error catalog: a named example of its 200 answer. */
export interface CatalogEntry {
  /** The example's name: what Prism's `Prefer: example=<name>` selects. */
  name: string;
  code: number;
  message: string;
  summary: string;
  /** When the service answers it. */
  when: string;
  /** The evidence of each part. */
  parts: CatalogEvidence;
  /**
   * The entry as a whole: inferred if its code, message or when is; an unknown message does not
   * make it inferred (nothing is claimed about it). The HTTP status is the envelope's fact.
   */
  evidence: Evidence;
  basis: string;
  /** What to do about it; may name {flowId}, {userId}, {minute} and {flowInstanceId}. */
  advice: string;
  /** The whole answer body, as the example gives it. */
  value: unknown;
}

/** The entry's overall evidence from its parts (see `CatalogEntry.evidence`). */
function overallEvidence(parts: CatalogEvidence): Evidence {
  return [parts.code, parts.message, parts.when].includes('inferred') ? 'inferred' : 'documented';
}

const JSON_MEDIA = 'application/json';

function successMedia(operationId: OperationId, contract: OpenApiDocument): MediaType {
  const media = findOperation(operationId, contract).operation.responses['200']?.content?.[
    JSON_MEDIA
  ];
  if (!media) throw new Error(`The contract's ${operationId} has no JSON 200 answer.`);
  return media;
}

/**
 * The business error catalog of an operation: the examples of its 200 answer that carry
 * `x-enos-error`. The code is the envelope's code field (see `envelopeCodeField`).
 */
export function errorCatalog(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): CatalogEntry[] {
  const examples = successMedia(operationId, contract).examples ?? {};
  const codeField = envelopeCodeField(operationId, contract);
  return Object.entries(examples).flatMap(([name, example]) => {
    const marker = example['x-enos-error'];
    if (!marker) return [];
    const value = example.value as Record<string, unknown> & { msg: string };
    return [
      {
        name,
        code: value[codeField] as number,
        message: value.msg,
        summary: example.summary ?? name,
        when: example.description ?? '',
        parts: marker.evidence,
        evidence: overallEvidence(marker.evidence),
        basis: marker.basis,
        advice: marker.advice,
        value: example.value,
      },
    ];
  });
}

/**
 * The token service's answer to an `encryption` it has seen before: the `duplicatedEncryption`
 * entry of the token catalog. `encryption` hashes only appKey, timestamp and secret, so two
 * processes with one app key that ask in the same millisecond send the same one, and the
 * second gets this answer though its credentials are right. A token request starts nothing:
 * whoever gets this answer may ask again with a new timestamp.
 */
export function duplicatedEncryptionError(
  contract: OpenApiDocument = loadContract(),
): CatalogEntry {
  const entry = errorCatalog('getAccessToken', contract).find(
    ({ name }) => name === 'duplicatedEncryption',
  );
  if (!entry) {
    throw new Error('The contract\'s getAccessToken has no "duplicatedEncryption" error example.');
  }
  return entry;
}

/** The named example of an operation's 200 answer that is a success (no `x-enos-error`). */
export function successExample(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): { name: string; value: unknown } {
  const examples = successMedia(operationId, contract).examples ?? {};
  const found = Object.entries(examples).find(([, example]) => !example['x-enos-error']);
  if (!found) throw new Error(`The contract's ${operationId} has no success example.`);
  return { name: found[0], value: found[1].value };
}

export interface GatewayError {
  status: number;
  message: string;
  description: string;
  /** Response headers the contract documents for this status, such as Retry-After. */
  headers: string[];
}

/** The errors the API gateway answers itself, with a real HTTP status. */
export function gatewayErrors(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): GatewayError[] {
  const { responses } = findOperation(operationId, contract).operation;
  return gatewayStatuses(operationId, contract).map((status) => {
    const response = responses[String(status)] as ResponseObject;
    return {
      status,
      message: (response.content?.[JSON_MEDIA]?.example as { message: string } | undefined)
        ?.message as string,
      description: response.description,
      headers: Object.keys(response.headers ?? {}),
    };
  });
}

/*
 * Per-operation facts, each read in one place. Other packages call these instead of restating
 * a method, a path, a header name or a status.
 */

/** The HTTP methods an OpenAPI 3.0 path item keys its operations by. */
const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** An operation of a document, with its id. */
export interface DocumentOperation extends LocatedOperation {
  operationId: OperationId;
}

/**
 * Every operation of `contract`, in the order the document writes them. It takes any document:
 * a contract under test may carry an operation the generated `OperationId` union does not know,
 * and the readers here find an operation by its id in the document they are given.
 */
export function documentOperations(
  contract: OpenApiDocument = loadContract(),
): DocumentOperation[] {
  return Object.entries(contract.paths).flatMap(([path, item]) =>
    Object.entries(item ?? {}).flatMap(([method, operation]) =>
      HTTP_METHODS.has(method)
        ? [{ operationId: operation.operationId as OperationId, path, method, operation }]
        : [],
    ),
  );
}

/**
 * Every operation of the contract, in the order the document writes them, each checked against
 * the `OperationId` union generated from the same document: an id it lacks means the build is
 * stale.
 */
export function operationIds(contract: OpenApiDocument = loadContract()): OperationId[] {
  const known: readonly string[] = OPERATION_ID_LIST;
  return documentOperations(contract).map(({ operationId }) => {
    if (!known.includes(operationId)) {
      throw new Error(
        `The contract's operation "${operationId}" is not in src/generated/operation-ids.ts: run npx tsx spec/scripts/generate-operation-ids.ts and rebuild @enos-trigger/spec.`,
      );
    }
    return operationId;
  });
}

export interface OperationRoute {
  operationId: OperationId;
  /** Upper case, as it is on the wire: `POST`. */
  method: string;
  /** The path a request goes to, without a query: `/batch-processing-service/v2.1/flowInstances`. */
  path: string;
  /**
   * The operation's key in the document's `paths`, as generated types and tools name it: the
   * path, and for an operation that shares its path, the fixed query written into the key
   * (`/batch-processing-service/v2.1/flowInstances?action=search`).
   */
  pathKey: string;
  /**
   * The query values that tell operations of one path apart, which every request of this
   * operation sends: those written into its path key, and its required query parameters that
   * take exactly one value (Trigger Flow's `action=trigger`). Empty when none.
   */
  fixedQuery: Readonly<Record<string, string>>;
}

/** Where an operation is served: method, path and its fixed query values. */
export function operationRoute(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): OperationRoute {
  const { method, path: pathKey, operation } = findOperation(operationId, contract);
  const { path, query } = splitPathKey(pathKey);
  const fixedQuery: Record<string, string> = { ...query };
  for (const parameter of operation.parameters ?? []) {
    const values = parameter.schema?.enum;
    if (
      parameter.in === 'query' &&
      parameter.required &&
      Array.isArray(values) &&
      values.length === 1 &&
      typeof values[0] === 'string'
    ) {
      if (Object.hasOwn(fixedQuery, parameter.name) && fixedQuery[parameter.name] !== values[0]) {
        throw new Error(
          `The contract's ${operationId} fixes ${parameter.name} twice, in its path key and as a parameter, with different values: keep one.`,
        );
      }
      fixedQuery[parameter.name] = values[0];
    }
  }
  return { operationId, method: method.toUpperCase(), path, pathKey, fixedQuery };
}

/**
 * A function from a request (method, path without query, query pairs) to the id of the
 * operation it is, or undefined: see `matcherOf` for the rule. Built once; cheap per call.
 */
export function operationMatcher(contract: OpenApiDocument = loadContract()): OperationMatcher {
  return matcherOf(
    documentOperations(contract).map(({ operationId }) => operationRoute(operationId, contract)),
  );
}

/**
 * The statuses of a workflow instance: code, name (`statusDesc`) and whether it is final, from
 * the contract's FlowInstanceStatus schema, in its order. The generated `FLOW_INSTANCE_STATUSES`
 * holds the same for the contract this package was built with.
 */
export function flowInstanceStatuses(
  contract: OpenApiDocument = loadContract(),
): FlowInstanceStatusInfo[] {
  return statusesOfSchema(contract.components.schemas[FLOW_INSTANCE_STATUS_SCHEMA]);
}

export interface SecurityHeader {
  /** The security scheme's name in `components.securitySchemes`, e.g. `apimSignature`. */
  scheme: string;
  /** The header it is sent in, lower case as node reads it: `apim-signature`. */
  name: string;
}

/**
 * The headers a call of this operation must carry: the API-key-in-header schemes of its
 * security requirement (its own `security`, or the document's). Empty for a public operation.
 */
export function securityHeaders(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): SecurityHeader[] {
  const { operation } = findOperation(operationId, contract);
  const requirements = operation.security ?? contract.security ?? [];
  if (requirements.length === 0) return [];
  if (requirements.length > 1) {
    throw new Error(
      `The contract's ${operationId} offers ${requirements.length} alternative security requirements; the toolkit reads one.`,
    );
  }
  return Object.keys(requirements[0] as Record<string, string[]>).map((scheme) => {
    const found = contract.components.securitySchemes[scheme];
    if (found?.type !== 'apiKey' || found.in !== 'header' || !found.name) {
      throw new Error(`The contract's security scheme "${scheme}" is not an API key in a header.`);
    }
    return { scheme, name: found.name.toLowerCase() };
  });
}

/** The names of `securityHeaders`: what a signed call sends, e.g. `apim-accesstoken`. */
export function securityHeaderNames(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): string[] {
  return securityHeaders(operationId, contract).map((header) => header.name);
}

/**
 * The field of the operation's 200 envelope that carries the outcome's code: the required
 * property of the success branch whose only allowed value is 0 (`code` for Trigger Flow,
 * `status` for the token service). A business error carries its code in the same field.
 */
export function envelopeCodeField(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): string {
  const schema = successMedia(operationId, contract).schema ?? {};
  const branches = (schema.oneOf ?? schema.anyOf ?? [schema]) as JsonSchema[];
  const fields = branches.flatMap((branch) => {
    const required = (branch.required ?? []) as string[];
    const properties = (branch.properties ?? {}) as Record<string, JsonSchema>;
    return Object.entries(properties)
      .filter(([name, property]) => {
        const values = property.enum;
        return (
          required.includes(name) && Array.isArray(values) && values.length === 1 && values[0] === 0
        );
      })
      .map(([name]) => name);
  });
  if (fields.length !== 1) {
    throw new Error(
      `The contract's ${operationId} 200 answer has ${fields.length === 0 ? 'no' : 'more than one'} required field whose only value is 0: its envelope's code field is unclear.`,
    );
  }
  return fields[0] as string;
}

/**
 * The HTTP statuses the gateway answers on this operation: every documented answer that is not
 * 2xx, in the document's order.
 */
export function gatewayStatuses(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): number[] {
  const { responses } = findOperation(operationId, contract).operation;
  return Object.keys(responses)
    .filter((status) => /^[1-5][0-9]{2}$/.test(status) && !status.startsWith('2'))
    .map(Number);
}

/** Does a call of this operation carry a request body? */
export function hasRequestBody(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): boolean {
  return findOperation(operationId, contract).operation.requestBody !== undefined;
}
