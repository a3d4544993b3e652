/** The bench finds its operations, codes and headers by their role in the contract. */
import {
  envelopeCodeField,
  findOperation,
  hasRequestBody,
  securityHeaderNames,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import {
  signedHeaders,
  TOKEN_CODE_FIELD,
  TOKEN_OPERATION,
  TRIGGER_CODE_FIELD,
  TRIGGER_OPERATION,
  tokenRoute,
  triggerRoute,
} from '../src/contract.js';

describe('what the bench reads of the contract', () => {
  it('the token operation is public, the measured one signed and with a body', () => {
    expect(securityHeaderNames(TOKEN_OPERATION)).toEqual([]);
    expect(securityHeaderNames(TRIGGER_OPERATION).length).toBeGreaterThan(0);
    expect(hasRequestBody(TRIGGER_OPERATION)).toBe(true);
    expect(TOKEN_OPERATION).not.toBe(TRIGGER_OPERATION);
    expect(tokenRoute.path).toBe(findOperation(TOKEN_OPERATION).path);
    expect(triggerRoute.path).toBe(findOperation(TRIGGER_OPERATION).path);
  });

  it('reads each envelope code field from its operation', () => {
    expect(TOKEN_CODE_FIELD).toBe(envelopeCodeField(TOKEN_OPERATION));
    expect(TRIGGER_CODE_FIELD).toBe(envelopeCodeField(TRIGGER_OPERATION));
    // The two envelopes differ: one field for both would hide a mix-up.
    expect(TOKEN_CODE_FIELD).not.toBe(TRIGGER_CODE_FIELD);
  });

  it('sends every security header the contract names, each with its own value', () => {
    // Which value goes in which header is proved against the sandbox: the quick run's trigger
    // request is measured only once the sandbox accepts its signature.
    const headers = signedHeaders({ accessToken: 'the-token', signature: 'the-sig', timestamp: 7 });
    expect(Object.keys(headers).sort()).toEqual(securityHeaderNames(TRIGGER_OPERATION).sort());
    expect(Object.values(headers).sort()).toEqual(['7', 'the-sig', 'the-token']);
  });
});
