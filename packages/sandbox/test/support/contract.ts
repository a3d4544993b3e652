/** What the tests expect, read from the contract (the sandbox must answer exactly this). */
import { errorCatalog, gatewayErrors } from '@enos-trigger/spec';

export function catalogEntry(operation: 'triggerFlow' | 'getAccessToken', name: string) {
  const entry = errorCatalog(operation).find((e) => e.name === name);
  if (!entry) throw new Error(`no catalog entry ${name}`);
  return entry;
}

/** The business envelope the contract gives for a catalog entry of Trigger Flow. */
export function triggerError(name: string) {
  const { code, message } = catalogEntry('triggerFlow', name);
  return { code, msg: message, data: null };
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
