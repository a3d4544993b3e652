/** The bench finds its operations, codes and headers by their role in the contract. */
import {
  envelopeCodeField,
  findOperation,
  hasRequestBody,
  OPERATION_IDS,
  securityHeaderNames,
  successExample,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import {
  INSTANCE_ID,
  LIST_CODE_FIELD,
  LIST_FIELDS,
  LIST_OPERATION,
  READ_CODE_FIELD,
  READ_OPERATION,
  readRoute,
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

  it('picks the measured operation among several signed ones with a body', () => {
    // The instance operations are signed and take bodies too: the role must tell them apart.
    const signedWithBody = OPERATION_IDS.filter(
      (id) => securityHeaderNames(id).length > 0 && hasRequestBody(id),
    );
    expect(signedWithBody.length).toBeGreaterThan(1);
    expect(signedWithBody).toContain(TRIGGER_OPERATION);
  });

  it('reads an instance with the signed operation without a body, at its path and fixed query', () => {
    expect(securityHeaderNames(READ_OPERATION).length).toBeGreaterThan(0);
    expect(hasRequestBody(READ_OPERATION)).toBe(false);
    expect(readRoute.path).not.toContain('?');
    expect(Object.keys(readRoute.fixedQuery).length).toBeGreaterThan(0);
    expect(readRoute.pathKey).toBe(findOperation(READ_OPERATION).path);
  });

  it('links the ID the measured operation answers to the parameter the read takes', () => {
    const { value } = successExample(TRIGGER_OPERATION) as {
      value: { data: Record<string, unknown> };
    };
    const parameter = findOperation(READ_OPERATION).operation.parameters?.find(
      (candidate) => candidate.name === INSTANCE_ID.parameter,
    );
    expect(parameter?.in).toBe('query');
    expect(parameter?.required).toBe(true);
    expect(value.data[INSTANCE_ID.field]).toBe(parameter?.example);
  });

  it('lists instances with the signed operation that answers a page of them and their count', () => {
    expect(securityHeaderNames(LIST_OPERATION).length).toBeGreaterThan(0);
    expect(hasRequestBody(LIST_OPERATION)).toBe(true);
    expect([TRIGGER_OPERATION, READ_OPERATION, TOKEN_OPERATION]).not.toContain(LIST_OPERATION);
    const { value } = successExample(LIST_OPERATION) as {
      value: { data: Record<string, unknown> };
    };
    const page = value.data[LIST_FIELDS.page];
    expect(Array.isArray(page)).toBe(true);
    // The example's count is the number of its page's instances: the one Trigger Flow made.
    expect(value.data[LIST_FIELDS.count]).toBe((page as unknown[]).length);
    expect(LIST_CODE_FIELD).toBe(envelopeCodeField(LIST_OPERATION));
  });

  it('reads each envelope code field from its operation', () => {
    expect(TOKEN_CODE_FIELD).toBe(envelopeCodeField(TOKEN_OPERATION));
    expect(TRIGGER_CODE_FIELD).toBe(envelopeCodeField(TRIGGER_OPERATION));
    expect(READ_CODE_FIELD).toBe(envelopeCodeField(READ_OPERATION));
    // The two envelopes differ: one field for both would hide a mix-up.
    expect(TOKEN_CODE_FIELD).not.toBe(TRIGGER_CODE_FIELD);
  });

  it('sends every security header the contract names, each with its own value', () => {
    // Which value goes in which header is proved against the sandbox: the quick run's trigger
    // request is measured only once the sandbox accepts its signature.
    const signed = { accessToken: 'the-token', signature: 'the-sig', timestamp: 7 };
    for (const id of [TRIGGER_OPERATION, READ_OPERATION]) {
      const headers = signedHeaders(signed, id);
      expect(Object.keys(headers).sort()).toEqual(securityHeaderNames(id).sort());
      expect(Object.values(headers).sort()).toEqual(['7', 'the-sig', 'the-token']);
    }
  });
});
