/**
 * Everything a run reads from the contract, derived once: the two operations, their query
 * parameters, request schemas, answers and the branches of their 200 answers, the error
 * catalogs with their examples, the security headers, and the evidence of each fact.
 *
 * The field names the run fills in (`flowId`, `triggerTime`, `userId`, …) are the ones its
 * flags speak of; `assertShape` stops the run at once, with a clear message, if the contract
 * no longer has them, rather than letting a run test something else.
 */
import { readFileSync } from 'node:fs';
import {
  type CatalogEntry,
  documentOperations,
  type Evidence,
  envelopeCodeField,
  errorCatalog,
  findOperation,
  type GatewayError,
  gatewayErrors,
  type JsonSchema,
  loadContract,
  type OpenApiDocument,
  type OperationId,
  type OperationRoute,
  operationRoute,
  type ParameterObject,
  successExample,
} from '@enos-trigger/spec';
import { documentLinks, type OperationLink } from './links.js';

export interface CatalogExample extends CatalogEntry {
  /** The example's whole answer body, as the contract writes it. */
  value: Record<string, unknown>;
}

export interface GatewayAnswer extends GatewayError {
  schema: JsonSchema;
  /** The contract's example body of this answer. */
  example: Record<string, unknown>;
  /** The evidence of the body's shape (the schema's own marker). */
  shapeEvidence: Evidence;
}

/**
 * The operations whose business rules this package knows (the instance ID, the same-minute
 * duplicate, the token the run signs with), by their role: the one place that names an
 * operation id. Every other operation of the contract gets the generic checks only.
 */
export const ROLE_OPERATIONS = { token: 'getAccessToken', trigger: 'triggerFlow' } as const;
export type Role = keyof typeof ROLE_OPERATIONS;

/** The role of an operation, if it has one. */
export function roleOf(operationId: string): Role | undefined {
  return (Object.keys(ROLE_OPERATIONS) as Role[]).find((r) => ROLE_OPERATIONS[r] === operationId);
}

export interface OperationView {
  /** The contract's operationId; an operation outside the generated union may come from --contract. */
  id: string;
  summary: string;
  /** The path a request goes to, without a query (the spec's `operationRoute`). */
  path: string;
  /**
   * Its key in the contract's `paths`, which may carry a fixed query
   * (`/…/flowInstances?action=get`): what Dredd names its transactions by, never a URL.
   */
  pathKey: string;
  /** The query values every request of it sends (`action=get`), by name. */
  fixedQuery: Readonly<Record<string, string>>;
  method: string;
  /** The media type of the request body (or, without one, of the 200 answer) and of every answer. */
  mediaType: string;
  /** The request body's schema; undefined for an operation without a request body. */
  requestSchema?: JsonSchema;
  /** The request body's example, when the contract gives one. */
  requestExample?: unknown;
  query: ParameterObject[];
  /** Does the contract require the APIM headers on this operation? */
  signed: boolean;
  /** The schema of the 200 answer (success or business error: see branches.ts). */
  answer200: JsonSchema;
  successValue: Record<string, unknown>;
  catalog: CatalogExample[];
  gateway: GatewayAnswer[];
  /** The envelope field that carries the outcome's code (the spec's `envelopeCodeField`). */
  codeField: string;
  /** Every status the contract documents for this operation. */
  statuses: number[];
  /** The links that lead to it from other operations' success answers, in the document's order. */
  links: OperationLink[];
}

export interface ContractView {
  /** Every operation of the contract, in the document's order. */
  operations: OperationView[];
  /** An operation by its id: throws a ContractShapeError for one the contract lacks. */
  op(id: string): OperationView;
  trigger: OperationView;
  token: OperationView;
  /** The APIM header names, by their role. */
  headers: { accessToken: string; signature: string; timestamp: string };
  /** The dereferenced contract. */
  document: OpenApiDocument;
  /** The file the contract came from (--contract); undefined for the bundled one. */
  file?: string;
}

/** The evidence an `x-enos-evidence` marker gives a node; no marker means documented. */
export function markerEvidence(node: JsonSchema | undefined): Evidence {
  return node?.['x-enos-evidence'] === 'inferred' ? 'inferred' : 'documented';
}

export class ContractShapeError extends Error {
  override readonly name = 'ContractShapeError';
}

const cached = new Map<string, ContractView>();
const BUNDLED = '';

/**
 * The view of the bundled contract, or of the OpenAPI file given (--contract): JSON, with its
 * `$ref`s inside the document (they are resolved here).
 */
export function contractView(file?: string): ContractView {
  const key = file ?? BUNDLED;
  let view = cached.get(key);
  if (!view) {
    view = buildView(file === undefined ? loadContract() : loadContractFile(file), file);
    cached.set(key, view);
  }
  return view;
}

/** An OpenAPI file, read and dereferenced (local `#/...` references only). */
export function loadContractFile(file: string): OpenApiDocument {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ContractShapeError(
      `The contract ${file} cannot be read as JSON: ${(error as Error).message}`,
    );
  }
  if (typeof document !== 'object' || document === null || !('paths' in document)) {
    throw new ContractShapeError(`The contract ${file} is not an OpenAPI document (no paths).`);
  }
  return dereference(document, document, []) as OpenApiDocument;
}

function dereference(node: unknown, root: unknown, seen: string[]): unknown {
  if (Array.isArray(node)) return node.map((item) => dereference(item, root, seen));
  if (typeof node !== 'object' || node === null) return node;
  const ref = (node as { $ref?: unknown }).$ref;
  if (typeof ref === 'string') {
    if (!ref.startsWith('#/')) {
      throw new ContractShapeError(`The contract's $ref "${ref}" is not inside the document.`);
    }
    if (seen.includes(ref))
      throw new ContractShapeError(`The contract's $ref "${ref}" is circular.`);
    let target: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
      target = (target as Record<string, unknown> | undefined)?.[key];
    }
    if (target === undefined)
      throw new ContractShapeError(`The contract's $ref "${ref}" is dangling.`);
    return dereference(target, root, [...seen, ref]);
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, dereference(value, root, seen)]),
  );
}

function buildView(document: OpenApiDocument, file: string | undefined): ContractView {
  const links = documentLinks(document, (message) => new ContractShapeError(message));
  const operations = documentOperations(document).map(({ operationId }) =>
    operationView(
      operationId,
      document,
      links.filter((link) => link.target === operationId),
    ),
  );
  const byId = new Map(operations.map((op) => [op.id, op]));
  const op = (id: string): OperationView => {
    const found = byId.get(id);
    if (!found) throw new ContractShapeError(`The contract has no operation "${id}".`);
    return found;
  };
  const trigger = op(ROLE_OPERATIONS.trigger);
  const token = op(ROLE_OPERATIONS.token);
  const schemes = document.components.securitySchemes;
  const headerOf = (scheme: string): string => {
    const name = schemes[scheme]?.name;
    if (!name) throw new ContractShapeError(`The contract has no security scheme "${scheme}".`);
    return name;
  };
  const view: ContractView = {
    operations,
    op,
    trigger,
    token,
    headers: {
      accessToken: headerOf('apimAccessToken'),
      signature: headerOf('apimSignature'),
      timestamp: headerOf('apimTimestamp'),
    },
    document,
    ...(file === undefined ? {} : { file }),
  };
  assertShape(view);
  return view;
}

function operationView(
  operationId: string,
  document: OpenApiDocument,
  links: OperationLink[],
): OperationView {
  const id = operationId as OperationId;
  const { method, operation } = findOperation(id, document);
  const route = routeOf(id, document);
  const [requestMedia, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  if (operation.requestBody !== undefined && (!requestMedia || !body?.schema)) {
    throw new ContractShapeError(`The contract's ${id} has a request body without a schema.`);
  }
  const mediaType = requestMedia ?? Object.keys(operation.responses['200']?.content ?? {})[0];
  if (!mediaType) throw new ContractShapeError(`The contract's ${id} has no 200 answer.`);
  const answer200 = operation.responses['200']?.content?.[mediaType];
  const examples = answer200?.examples ?? {};
  const success = successExample(id, document);
  const catalog = errorCatalog(id, document).map((entry) => ({
    ...entry,
    value: examples[entry.name]?.value as Record<string, unknown>,
  }));
  const gateway = gatewayErrors(id, document).map((error) => {
    const media = operation.responses[String(error.status)]?.content?.[mediaType];
    const schema = media?.schema as JsonSchema;
    const example = media?.example as Record<string, unknown>;
    return { ...error, schema, example, shapeEvidence: markerEvidence(schema) };
  });
  if (catalog.length === 0)
    throw new ContractShapeError(`The contract's ${id} has no error catalog.`);
  if (!answer200?.schema) throw new ContractShapeError(`The contract's ${id} has no 200 answer.`);
  const security = operation.security ?? document.security;
  return {
    id,
    summary: operation.summary,
    path: route.path,
    pathKey: route.pathKey,
    fixedQuery: route.fixedQuery,
    method: method.toUpperCase(),
    mediaType,
    ...(body?.schema ? { requestSchema: body.schema } : {}),
    ...(body?.example === undefined ? {} : { requestExample: body.example }),
    query: (operation.parameters ?? []).filter((p) => p.in === 'query'),
    signed: security.length > 0,
    answer200: answer200.schema,
    successValue: success.value as Record<string, unknown>,
    catalog,
    gateway,
    codeField: envelopeCodeField(id, document),
    statuses: Object.keys(operation.responses).map(Number),
    links,
  };
}

/** Where an operation is served; a path key the spec cannot split stops the run, saying why. */
function routeOf(id: OperationId, document: OpenApiDocument): OperationRoute {
  try {
    return operationRoute(id, document);
  } catch (error) {
    throw new ContractShapeError((error as Error).message);
  }
}

/** The names this package fills in must still be in the contract. */
function assertShape(view: ContractView): void {
  const needs: [OperationView, string[], string[]][] = [
    [view.trigger, ['flowId', 'triggerTime'], ['action', 'userId', 'orgId']],
    [view.token, ['appKey', 'encryption', 'timestamp'], []],
  ];
  for (const [op, fields, params] of needs) {
    const properties = (op.requestSchema?.properties ?? {}) as Record<string, JsonSchema>;
    const missing = [
      ...fields.filter((f) => !properties[f]).map((f) => `body field "${f}"`),
      ...params.filter((p) => !op.query.some((q) => q.name === p)).map((p) => `query "${p}"`),
    ];
    if (missing.length > 0) {
      throw new ContractShapeError(
        `The contract's ${op.id} has no ${missing.join(', ')}: this version of ` +
          '@enos-trigger/conformance does not match the installed @enos-trigger/spec. ' +
          'Install matching versions.',
      );
    }
  }
}

/**
 * The catalog entry an answer body is. First an entry whose example's every field has the same
 * value in the body (62102 has two messages, so the message decides); extra fields, such as
 * the optional requestId, do not matter. Else, by the code alone: the one entry with that code
 * whose words the contract does not know (its message is `unknown`, as for the token service's
 * codes), since another text is no sign of another answer. Undefined when neither finds one.
 */
export function matchCatalog(op: OperationView, body: unknown): CatalogExample | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const fields = body as Record<string, unknown>;
  const exact = op.catalog.find((entry) =>
    Object.entries(entry.value).every(([key, value]) => fields[key] === value),
  );
  if (exact) return exact;
  const sameCode = catalogByCode(op, body);
  return sameCode.length === 1 && sameCode[0]?.parts.message === 'unknown'
    ? sameCode[0]
    : undefined;
}

/**
 * What a business error the run did not expect is: the entry `matchCatalog` finds, else the
 * first entry with its code (words aside). Undefined for a code the catalog does not have.
 */
export function answeredEntry(op: OperationView, body: unknown): CatalogExample | undefined {
  return matchCatalog(op, body) ?? catalogByCode(op, body)[0];
}

/** The catalog entries whose code the body carries (in the operation's code field). */
export function catalogByCode(op: OperationView, body: unknown): CatalogExample[] {
  if (typeof body !== 'object' || body === null) return [];
  const field = op.codeField;
  const code = (body as Record<string, unknown>)[field];
  return op.catalog.filter((entry) => entry.value[field] === code);
}

/** A field of an operation's request body schema: a ContractShapeError when there is none. */
export function requestField(op: OperationView, name: string): JsonSchema {
  const field = (op.requestSchema?.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (!field) throw new ContractShapeError(`The contract's ${op.id} has no body field "${name}".`);
  return field;
}
