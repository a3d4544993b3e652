/** What the tests expect, read from the contract (the sandbox must answer exactly this). */
import {
  errorCatalog,
  findOperation,
  gatewayErrors,
  type JsonSchema,
  type OperationId,
} from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';

export function catalogEntry(operation: OperationId, name: string) {
  const entry = errorCatalog(operation).find((e) => e.name === name);
  if (!entry) throw new Error(`no catalog entry ${name}`);
  return entry;
}

/** The business envelope the contract gives for a catalog entry of Trigger Flow. */
export function triggerError(name: string) {
  return businessError('triggerFlow', name);
}

/** The business envelope the contract gives for a catalog entry of an operation. */
export function businessError(operation: OperationId, name: string) {
  const { code, message } = catalogEntry(operation, name);
  return { code, msg: message, data: null };
}

/** A validator of the operation's 200 answer, as the contract's schema gives it. */
export function answerValidator(operation: OperationId) {
  const media = findOperation(operation).operation.responses['200']?.content?.['application/json'];
  return compileSchema(media?.schema as JsonSchema);
}

export function tokenError(name: string) {
  const { code, message } = catalogEntry('getAccessToken', name);
  return { status: code, msg: message, business: 'apim-token-service', data: null };
}

export function gatewayBody(operation: 'triggerFlow' | 'getAccessToken', status: number) {
  const found = gatewayErrors(operation).find((e) => e.status === status);
  if (!found) throw new Error(`no gateway answer ${status}`);
  return { message: found.message };
}
