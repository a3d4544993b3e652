/**
 * The contract, as built from openapi.yaml: the dereferenced document and typed readers of
 * what other packages derive from it. Nothing here restates a fact of the contract; every
 * value is read from dist/openapi.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

export type OperationId = 'triggerFlow' | 'getAccessToken';

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
  for (const [path, item] of Object.entries(contract.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation.operationId === operationId) return { path, method, operation };
    }
  }
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
 * `x-enos-error`. The code is the envelope's `code` (or `status` for the token service).
 */
export function errorCatalog(
  operationId: OperationId,
  contract: OpenApiDocument = loadContract(),
): CatalogEntry[] {
  const examples = successMedia(operationId, contract).examples ?? {};
  return Object.entries(examples).flatMap(([name, example]) => {
    const marker = example['x-enos-error'];
    if (!marker) return [];
    const value = example.value as { code?: number; status?: number; msg: string };
    return [
      {
        name,
        code: value.code ?? (value.status as number),
        message: value.msg,
        summary: example.summary ?? name,
        when: example.description ?? '',
        parts: marker.evidence,
        evidence: overallEvidence(marker.evidence),
        basis: marker.basis,
        advice: marker.advice,
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
  return Object.entries(responses)
    .filter(([status]) => status !== '200')
    .map(([status, response]) => ({
      status: Number(status),
      message: (response.content?.[JSON_MEDIA]?.example as { message: string } | undefined)
        ?.message as string,
      description: response.description,
      headers: Object.keys(response.headers ?? {}),
    }));
}
