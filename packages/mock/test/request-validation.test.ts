/**
 * Prism checks each request against the contract. An invalid request gets Prism's validation
 * error: the contract documents a 400 (the gateway's), so Prism answers that 400 and lists
 * what is wrong in its `sl-violations` header.
 */

import { type PrismServer, startMock } from '@enos-trigger/mock';
import { gatewayErrors, successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, exampleRequest, send, violations } from './support/requests.js';

let mock: PrismServer;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock?.close());

const trigger = exampleRequest('triggerFlow');
const gatewayBadRequest = gatewayErrors('triggerFlow').find((error) => error.status === 400);
const triggerBody = JSON.parse(trigger.body ?? '{}') as Record<string, unknown>;

function expectValidationError(answer: Answer, location: string[], code: string): void {
  expect(answer.status).toBe(400);
  expect(answer.json).toEqual({ message: gatewayBadRequest?.message });
  expect(violations(answer)).toContainEqual(
    expect.objectContaining({ location, code, severity: 'Error' }),
  );
}

describe('an invalid request gets Prism validation error, not a success', () => {
  it('a missing query parameter', async () => {
    const { userId: _dropped, ...query } = trigger.query;
    const answer = await send(mock.url, { ...trigger, query });
    expectValidationError(answer, ['request', 'query'], 'required');
    expect(violations(answer)[0]?.message).toMatch(/userid/i);
  });

  it('a query parameter outside its enum', async () => {
    const answer = await send(mock.url, {
      ...trigger,
      query: { ...trigger.query, action: 'launch' },
    });
    expectValidationError(answer, ['request', 'query', 'action'], 'enum');
  });

  it('a body field of the wrong type: flowId as a numeric string, as the Python sample sends', async () => {
    const body = JSON.stringify({ ...triggerBody, flowId: String(triggerBody.flowId) });
    const answer = await send(mock.url, { ...trigger, body });
    expectValidationError(answer, ['request', 'body', 'flowId'], 'type');
  });

  it('a missing body field', async () => {
    const { triggerTime: _dropped, ...body } = triggerBody;
    const answer = await send(mock.url, { ...trigger, body: JSON.stringify(body) });
    expectValidationError(answer, ['request', 'body'], 'required');
  });

  it('malformed JSON: Prism own 400, before any schema check', async () => {
    const answer = await send(mock.url, { ...trigger, body: trigger.body?.slice(0, -1) });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ error: { code: 'invalid_json', message: 'Invalid JSON' } });
  });

  it('the APIM headers missing: the gateway 401', async () => {
    const answer = await send(mock.url, {
      ...trigger,
      headers: { 'content-type': 'application/json' },
    });
    expect(answer.status).toBe(401);
    expect(violations(answer)).toContainEqual(expect.objectContaining({ code: 401 }));
  });
});

describe('what Prism lets through', () => {
  it('a body field the contract does not list: accepted, as the live service ignores it', async () => {
    const body = JSON.stringify({ ...triggerBody, priority: 'high' });
    const answer = await send(mock.url, { ...trigger, body });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(successExample('triggerFlow').value);
    expect(violations(answer)).toEqual([]);
  });

  it('query parameter names in any letter case', async () => {
    const query = Object.fromEntries(
      Object.entries(trigger.query).map(([name, value]) => [name.toUpperCase(), value]),
    );
    const answer = await send(mock.url, { ...trigger, query });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(successExample('triggerFlow').value);
    expect(violations(answer)).toEqual([]);
  });

  it('an unknown extra query parameter', async () => {
    const answer = await send(mock.url, { ...trigger, query: { ...trigger.query, debug: 'true' } });
    expect(answer.status).toBe(200);
    expect(violations(answer)).toEqual([]);
  });
});

describe('the token call', () => {
  it('rejects a body without encryption', async () => {
    const token = exampleRequest('getAccessToken');
    const { encryption: _dropped, ...body } = JSON.parse(token.body ?? '{}');
    const answer = await send(mock.url, { ...token, body: JSON.stringify(body) });
    expectValidationError(answer, ['request', 'body'], 'required');
  });

  it('needs no APIM headers', async () => {
    const answer = await send(mock.url, exampleRequest('getAccessToken'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(successExample('getAccessToken').value);
  });
});
