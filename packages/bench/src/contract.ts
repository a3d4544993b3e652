/**
 * What the bench reads of the contract: the operation that issues tokens, the one it measures,
 * the field of each envelope that carries the outcome code, and the signed call's headers. No
 * operation id, header name or field is written here: each is found by its role in the document.
 */
import {
  envelopeCodeField,
  hasRequestBody,
  OPERATION_IDS,
  type OperationId,
  type OperationRoute,
  operationRoute,
  securityHeaders,
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

/** The token service: the operation called without the security headers. */
export const TOKEN_OPERATION = onlyOperation(
  'called without security headers',
  (id) => securityHeaders(id).length === 0,
);

/** The operation measured: the signed one that takes a request body (Trigger Flow). */
export const TRIGGER_OPERATION = onlyOperation(
  'signed and taking a request body',
  (id) => securityHeaders(id).length > 0 && hasRequestBody(id),
);

export const tokenRoute: OperationRoute = operationRoute(TOKEN_OPERATION);
export const triggerRoute: OperationRoute = operationRoute(TRIGGER_OPERATION);

/** The envelope field that carries the token answer's code: 0 is a token. */
export const TOKEN_CODE_FIELD = envelopeCodeField(TOKEN_OPERATION);
/** The envelope field that carries the trigger answer's code: 0 is a started instance. */
export const TRIGGER_CODE_FIELD = envelopeCodeField(TRIGGER_OPERATION);

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

/** The security headers of the measured call, named as the contract names them. */
export function signedHeaders(signed: Signed): Record<string, string> {
  return Object.fromEntries(
    securityHeaders(TRIGGER_OPERATION).map(({ scheme, name }) => {
      const value = SIGNED_VALUES[scheme as keyof typeof SIGNED_VALUES];
      if (value === undefined) {
        throw new Error(
          `The contract's ${TRIGGER_OPERATION} needs the security scheme "${scheme}", which the bench cannot fill: teach packages/bench/src/contract.ts.`,
        );
      }
      return [name, String(signed[value])];
    }),
  );
}
