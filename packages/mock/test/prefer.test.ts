/**
 * Every documented response can be chosen with Prism's Prefer header. The cases are read from
 * the contract, so a response added to it is requested here without anyone writing a test.
 */

import {
  type DocumentedResponse,
  documentedResponses,
  type PrismServer,
  startMock,
} from '@enos-trigger/mock';
import { type OperationId, operationIds, successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConnections } from './support/connection-recorder.js';
import { exampleRequest, send, violations } from './support/requests.js';

const recorder = recordConnections();
let mock: PrismServer;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(async () => {
  await mock?.close();
  recorder.stop();
});

const cases = documentedResponses().map((response): [string, DocumentedResponse] => [
  `${response.operationId} ${response.status} ${response.summary} (Prefer: ${response.prefer})`,
  response,
]);

describe('the mock answers each documented response when asked with Prefer', () => {
  it('has responses to ask for, of every operation of the contract', () => {
    const asked = new Set(cases.map(([, response]) => response.operationId));
    expect([...asked].sort()).toEqual([...operationIds()].sort());
  });

  it.each(cases)('%s', async (_, documented) => {
    const request = exampleRequest(documented.operationId as OperationId);
    const answer = await send(mock.url, {
      ...request,
      headers: { ...request.headers, prefer: documented.prefer },
    });
    expect(answer.status).toBe(documented.status);
    expect(answer.json).toEqual(documented.body);
    for (const header of documented.headers) expect(answer.headers.has(header)).toBe(true);
    // The request was valid and the answer conforms: Prism lists no violation.
    expect(violations(answer)).toEqual([]);
  });

  it('answers the success without any Prefer header', async () => {
    const answer = await send(mock.url, exampleRequest('triggerFlow'));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(successExample('triggerFlow').value);
  });
});

describe('no telemetry', () => {
  it('the mock, having answered every documented response, has opened no connection', () => {
    expect(recorder.connectionsOf(mock.pid)).toEqual([]);
  });
});
