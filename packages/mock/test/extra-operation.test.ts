/**
 * The proof that the mock follows the contract, not a list of operations: a copy of the
 * contract with one operation added (a GET with query parameters, a success example and one
 * catalog error) is served by `startMock({ contract })` with no source change. Both examples
 * are answered with `Prefer: example=<name>`, the requests are validated, and the operation's
 * documented responses are enumerated from the copy.
 */
import { documentedResponses, type PrismServer, startMock } from '@enos-trigger/mock';
import { errorCatalog, gatewayErrors, type OperationId, successExample } from '@enos-trigger/spec';
import { EXTRA_OPERATION } from '@enos-trigger/spec/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExtraContract } from './support/extra-operation.js';
import { exampleRequest, send, violations } from './support/requests.js';

const extra = writeExtraContract();
const id = EXTRA_OPERATION.operationId as OperationId;
const EXTRA_PATH = EXTRA_OPERATION.path;
const listed = documentedResponses(extra.contract).filter(
  (response) => response.operationId === id,
);
const request = exampleRequest(id, extra.contract);

let mock: PrismServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, contract: extra.file });
});
afterAll(async () => {
  await mock?.close();
  extra.remove();
});

describe('a contract with an extra operation', () => {
  it("enumerates the operation's success, catalog error and gateway errors", () => {
    expect(
      listed.map((response) => `${response.method} ${response.path} ${response.prefer}`),
    ).toEqual([
      `GET ${EXTRA_PATH} example=${successExample(id, extra.contract).name}`,
      ...errorCatalog(id, extra.contract).map((entry) => `GET ${EXTRA_PATH} example=${entry.name}`),
      ...gatewayErrors(id, extra.contract).map((error) => `GET ${EXTRA_PATH} code=${error.status}`),
    ]);
    expect(errorCatalog(id, extra.contract)).toHaveLength(1);
  });

  it('is served: each named example of the new GET when asked with Prefer', async () => {
    for (const documented of listed.filter((response) => response.example)) {
      const answer = await send(mock.url, {
        ...request,
        headers: { ...request.headers, prefer: documented.prefer },
      });
      expect(answer.status, documented.prefer).toBe(200);
      expect(answer.json, documented.prefer).toEqual(documented.body);
      expect(violations(answer), documented.prefer).toEqual([]);
    }
  });

  it('answers the success without a Prefer header', async () => {
    const answer = await send(mock.url, request);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(successExample(id, extra.contract).value);
  });

  it('validates the requests: a missing query parameter gets the documented 400', async () => {
    const { widgetId: _dropped, ...query } = request.query;
    const answer = await send(mock.url, { ...request, query });
    expect(answer.status).toBe(400);
    expect(violations(answer)).toContainEqual(
      expect.objectContaining({ location: ['request', 'query'], code: 'required' }),
    );
  });

  it('validates the fixed query value', async () => {
    const answer = await send(mock.url, { ...request, query: { ...request.query, action: 'put' } });
    expect(answer.status).toBe(400);
    expect(violations(answer)).toContainEqual(
      expect.objectContaining({ location: ['request', 'query', 'action'], code: 'enum' }),
    );
  });

  it('needs the APIM headers: without them, the gateway 401', async () => {
    const answer = await send(mock.url, { ...request, headers: {} });
    expect(answer.status).toBe(401);
  });

  it('still serves the operations of the contract it copied', async () => {
    const answer = await send(mock.url, exampleRequest('triggerFlow'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(successExample('triggerFlow').value);
  });
});
