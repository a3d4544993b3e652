/**
 * What the bench reads of the contract: the operation that issues tokens, the one that starts
 * an instance (measured), the one that reads an instance back, the one that lists instances a
 * page at a time, the field of each envelope that carries the outcome code, and the signed
 * calls' headers. No operation id, header name or
 * field is written here: each is found by its role in the document.
 */
import {
  envelopeCodeField,
  findOperation,
  hasRequestBody,
  OPERATION_IDS,
  type OperationId,
  type OperationRoute,
  operationRoute,
  securityHeaders,
  successExample,
} from '@enos-trigger/spec';

function onlyOperation(role: string, fits: (id: OperationId) => boolean): OperationId {
  const found = OPERATION_IDS.filter(fits);
  if (found.length !== 1) {
    throw new Error(
      `The contract has ${found.length} operations ${role}; the bench measures a contract with exactly one. Rebuild @enos-trigger/spec, or teach packages/bench/src/contract.ts which to use.`,
    );
  }
  return found[0] as OperationId;
}

const isSigned = (id: OperationId) => securityHeaders(id).length > 0;

/** The token service: the operation called without the security headers. */
export const TOKEN_OPERATION = onlyOperation(
  'called without security headers',
  (id) => !isSigned(id),
);

/** Reading one instance (Get Flow Instance): the signed operation without a request body. */
export const READ_OPERATION = onlyOperation(
  'signed and without a request body',
  (id) => isSigned(id) && !hasRequestBody(id),
);

/** How an instance ID travels: the field of an answer's `data` that names it, the read's parameter that takes it. */
export interface InstanceIdLink {
  /** In the starting operation's success `data`: `flowInstanceId`. */
  field: string;
  /** The read operation's query parameter: `flowInstId`. */
  parameter: string;
}

/**
 * Does `id` answer the ID of an instance that the read operation takes? The contract's examples
 * agree: the success example's `data` carries, as one of its own fields, the value the read
 * operation's example sends in one of its query parameters.
 */
function instanceIdLink(id: OperationId): InstanceIdLink | undefined {
  const { value } = successExample(id);
  const data = (value as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const parameters = (findOperation(READ_OPERATION).operation.parameters ?? []).filter(
    (parameter) => parameter.in === 'query' && typeof parameter.example === 'string',
  );
  for (const [field, fieldValue] of Object.entries(data)) {
    const parameter = parameters.find((candidate) => candidate.example === fieldValue);
    if (parameter) return { field, parameter: parameter.name };
  }
  return undefined;
}

/**
 * The operation measured (Trigger Flow): signed, taking a request body, and answering the ID of
 * the instance it made, which the read operation takes.
 */
export const TRIGGER_OPERATION = onlyOperation(
  'signed, taking a request body and answering the ID of an instance the read operation takes',
  (id) => isSigned(id) && hasRequestBody(id) && instanceIdLink(id) !== undefined,
);

export const INSTANCE_ID = instanceIdLink(TRIGGER_OPERATION) as InstanceIdLink;

/** Where a list answer's `data` carries its page and the number of every match. */
export interface PageFields {
  /** The array of the page's instances: `flowInsts`. */
  page: string;
  /** The number of matches on every page: `count`. */
  count: string;
}

/** The fields of `id`'s success `data` holding the page and the count, if it answers one. */
function pageFields(id: OperationId): PageFields | undefined {
  const data = (successExample(id).value as { data?: unknown }).data;
  if (typeof data !== 'object' || data === null) return undefined;
  const fields = Object.entries(data);
  const arrays = fields.filter(([, value]) => Array.isArray(value));
  const numbers = fields.filter(([, value]) => typeof value === 'number');
  if (arrays.length !== 1 || numbers.length !== 1) return undefined;
  return { page: (arrays[0] as [string, unknown])[0], count: (numbers[0] as [string, unknown])[0] };
}

/**
 * Listing instances (List Flow Instances): signed, taking a request body (the filters and the
 * pagination), and answering one page of instances with the number of every match.
 */
export const LIST_OPERATION = onlyOperation(
  'signed, taking a request body and answering a page of instances with their count',
  (id) => isSigned(id) && hasRequestBody(id) && pageFields(id) !== undefined,
);

export const LIST_FIELDS = pageFields(LIST_OPERATION) as PageFields;

export const tokenRoute: OperationRoute = operationRoute(TOKEN_OPERATION);
export const triggerRoute: OperationRoute = operationRoute(TRIGGER_OPERATION);
/** Path and fixed query (`action=get`, from the path key) of the read operation. */
export const readRoute: OperationRoute = operationRoute(READ_OPERATION);

/** The envelope field that carries the token answer's code: 0 is a token. */
export const TOKEN_CODE_FIELD = envelopeCodeField(TOKEN_OPERATION);
/** The envelope field that carries the trigger answer's code: 0 is a started instance. */
export const TRIGGER_CODE_FIELD = envelopeCodeField(TRIGGER_OPERATION);
/** The envelope field that carries the read answer's code: 0 is the instance. */
export const READ_CODE_FIELD = envelopeCodeField(READ_OPERATION);
/** The envelope field that carries the list answer's code: 0 is a page. */
export const LIST_CODE_FIELD = envelopeCodeField(LIST_OPERATION);

/** What a signed call proves, by the security scheme of the contract that carries it. */
const SIGNED_VALUES = {
  apimAccessToken: 'accessToken',
  apimSignature: 'signature',
  apimTimestamp: 'timestamp',
} as const;

export interface Signed {
  accessToken: string;
  signature: string;
  timestamp: number;
}

/** The security headers of a signed call of `operationId`, named as the contract names them. */
export function signedHeaders(
  signed: Signed,
  operationId: OperationId = TRIGGER_OPERATION,
): Record<string, string> {
  return Object.fromEntries(
    securityHeaders(operationId).map(({ scheme, name }) => {
      const value = SIGNED_VALUES[scheme as keyof typeof SIGNED_VALUES];
      if (value === undefined) {
        throw new Error(
          `The contract's ${operationId} needs the security scheme "${scheme}", which the bench cannot fill: teach packages/bench/src/contract.ts.`,
        );
      }
      return [name, String(signed[value])];
    }),
  );
}
