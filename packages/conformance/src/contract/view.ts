/**
 * Everything a run reads from the contract, derived once: the two operations, their query
 * parameters, request schemas, answers and the branches of their 200 answers, the error
 * catalogs with their examples, the security headers, and the evidence of each fact.
 *
 * The field names the run fills in (`flowId`, `triggerTime`, `userId`, …) are the ones its
 * flags speak of; `assertShape` stops the run at once, with a clear message, if the contract
 * no longer has them, rather than letting a run test something else.
 */
import {
  type CatalogEntry,
  type Evidence,
  errorCatalog,
  findOperation,
  type GatewayError,
  gatewayErrors,
  type JsonSchema,
  loadContract,
  type OpenApiDocument,
  type OperationId,
  type ParameterObject,
  successExample,
} from '@enos-trigger/spec';

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

export interface OperationView {
  id: OperationId;
  summary: string;
  path: string;
  method: string;
  /** The media type of the request body and of every answer. */
  mediaType: string;
  requestSchema: JsonSchema;
  query: ParameterObject[];
  /** Does the contract require the APIM headers on this operation? */
  signed: boolean;
  /** The schema of the 200 answer (success or business error: see branches.ts). */
  answer200: JsonSchema;
  successValue: Record<string, unknown>;
  catalog: CatalogExample[];
  gateway: GatewayAnswer[];
  /** Every status the contract documents for this operation. */
  statuses: number[];
}

export interface ContractView {
  trigger: OperationView;
  token: OperationView;
  /** The APIM header names, by their role. */
  headers: { accessToken: string; signature: string; timestamp: string };
  /** The file Dredd reads: the dereferenced contract. */
  document: OpenApiDocument;
}

/** The evidence an `x-enos-evidence` marker gives a node; no marker means documented. */
export function markerEvidence(node: JsonSchema | undefined): Evidence {
  return node?.['x-enos-evidence'] === 'inferred' ? 'inferred' : 'documented';
}

/** Dredd's name for a transaction of the contract (see `dredd --names`). */
export function dreddName(op: OperationView, status: number): string {
  return `${op.path} > ${op.summary} > ${status} > ${op.mediaType}`;
}

export class ContractShapeError extends Error {
  override readonly name = 'ContractShapeError';
}

let cached: ContractView | undefined;

export function contractView(): ContractView {
  cached ??= buildView(loadContract());
  return cached;
}

function buildView(document: OpenApiDocument): ContractView {
  const trigger = operationView('triggerFlow', document);
  const token = operationView('getAccessToken', document);
  const schemes = document.components.securitySchemes;
  const headerOf = (scheme: string): string => {
    const name = schemes[scheme]?.name;
    if (!name) throw new ContractShapeError(`The contract has no security scheme "${scheme}".`);
    return name;
  };
  const view: ContractView = {
    trigger,
    token,
    headers: {
      accessToken: headerOf('apimAccessToken'),
      signature: headerOf('apimSignature'),
      timestamp: headerOf('apimTimestamp'),
    },
    document,
  };
  assertShape(view);
  return view;
}

function operationView(id: OperationId, document: OpenApiDocument): OperationView {
  const { path, method, operation } = findOperation(id, document);
  const [mediaType, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
  if (!mediaType || !body?.schema) {
    throw new ContractShapeError(`The contract's ${id} has no request body schema.`);
  }
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
    path,
    method: method.toUpperCase(),
    mediaType,
    requestSchema: body.schema,
    query: (operation.parameters ?? []).filter((p) => p.in === 'query'),
    signed: security.length > 0,
    answer200: answer200.schema,
    successValue: success.value as Record<string, unknown>,
    catalog,
    gateway,
    statuses: Object.keys(operation.responses).map(Number),
  };
}

/** The names this package fills in must still be in the contract. */
function assertShape(view: ContractView): void {
  const needs: [OperationView, string[], string[]][] = [
    [view.trigger, ['flowId', 'triggerTime'], ['action', 'userId', 'orgId']],
    [view.token, ['appKey', 'encryption', 'timestamp'], []],
  ];
  for (const [op, fields, params] of needs) {
    const properties = (op.requestSchema.properties ?? {}) as Record<string, JsonSchema>;
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

/** The catalog entry of an operation, by its example name in the contract. */
export function catalogEntry(op: OperationView, name: string): CatalogExample {
  const entry = op.catalog.find((e) => e.name === name);
  if (!entry) {
    throw new ContractShapeError(
      `The contract's ${op.id} has no error example "${name}": this version of ` +
        '@enos-trigger/conformance does not match the installed @enos-trigger/spec.',
    );
  }
  return entry;
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

/** The catalog entries whose code the body carries (in the operation's code field). */
export function catalogByCode(op: OperationView, body: unknown): CatalogExample[] {
  if (typeof body !== 'object' || body === null) return [];
  const field = codeFieldOf(op);
  const code = (body as Record<string, unknown>)[field];
  return op.catalog.filter((entry) => entry.value[field] === code);
}

/** The envelope field that carries the business code: the one the success example sets to 0. */
export function codeFieldOf(op: OperationView): string {
  const field = Object.entries(op.successValue).find(([, value]) => value === 0)?.[0];
  if (!field) {
    throw new ContractShapeError(`The contract's ${op.id} success example has no code field of 0.`);
  }
  return field;
}
