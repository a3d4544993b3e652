/**
 * The operations that share one path (Get, List and Cancel Flow Instance, told apart by
 * `action`), served by real Prism behind the mock's front: each at its real path, each with its
 * own examples and its own request checks. The cases come from the contract.
 */
import { type PrismServer, startMock } from '@enos-trigger/mock';
import {
  documentOperations,
  errorCatalog,
  gatewayErrors,
  type OperationId,
  operationRoute,
  successExample,
} from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Answer, exampleRequest, send, violations } from './support/requests.js';

let mock: PrismServer;
beforeAll(async () => {
  mock = await startMock({ port: 0 });
});
afterAll(() => mock?.close());

/** The operations whose path key carries their fixed query: those that share a path. */
const sharing = documentOperations()
  .filter(({ path }) => path.includes('?'))
  .map(({ operationId }) => operationId);
const badRequest = gatewayErrors('getFlowInstance').find((error) => error.status === 400);

function expectValidationError(answer: Answer, location: string[], code: string): void {
  expect(answer.status).toBe(400);
  expect(answer.json).toEqual({ message: badRequest?.message });
  expect(violations(answer)).toContainEqual(
    expect.objectContaining({ location, code, severity: 'Error' }),
  );
}

const withPrefer = (id: OperationId, prefer: string) => {
  const request = exampleRequest(id);
  return { ...request, headers: { ...request.headers, prefer } };
};

describe('each operation that shares the path', () => {
  it('is more than one, all at one real path', () => {
    expect(sharing.length).toBeGreaterThan(1);
    expect(new Set(sharing.map((id) => operationRoute(id).path)).size).toBe(1);
  });

  it.each(sharing)('%s answers its own success at its real path, without Prefer', async (id) => {
    const answer = await send(mock.url, exampleRequest(id));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(successExample(id).value);
    expect(violations(answer)).toEqual([]);
  });

  it.each(sharing)('%s answers its first catalog error and a gateway error', async (id) => {
    const [entry] = errorCatalog(id);
    const business = await send(mock.url, withPrefer(id, `example=${entry?.name}`));
    expect(business.json).toEqual(entry?.value);
    const [gateway] = gatewayErrors(id);
    const answer = await send(mock.url, withPrefer(id, `code=${gateway?.status}`));
    expect(answer.status).toBe(gateway?.status);
    expect(answer.json).toEqual({ message: gateway?.message });
  });

  it.each(sharing)('%s needs the APIM headers: without them, the gateway 401', async (id) => {
    const answer = await send(mock.url, { ...exampleRequest(id), headers: {} });
    expect(answer.status).toBe(401);
  });
});

describe("Get Flow Instance's two successes", () => {
  it("answers EnOS's documented sample with Prefer: example=documentedSample", async () => {
    const answer = await send(mock.url, withPrefer('getFlowInstance', 'example=documentedSample'));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ code: 0, data: { instanceId: '2809-20190808093200' } });
  });

  it("answers the trigger's instance by default, the one the parameter example names", async () => {
    const request = exampleRequest('getFlowInstance');
    const answer = await send(mock.url, request);
    expect(answer.json).toMatchObject({ data: { instanceId: request.query.flowInstId } });
    expect(request.query.flowInstId).toBe('3377-20191122012300');
  });
});

describe('requests are checked with the operation own schemas', () => {
  it('Get without flowInstId', async () => {
    const { flowInstId: _dropped, ...query } = exampleRequest('getFlowInstance').query;
    const answer = await send(mock.url, { ...exampleRequest('getFlowInstance'), query });
    expectValidationError(answer, ['request', 'query'], 'required');
    expect(violations(answer)[0]?.message).toMatch(/flowinstid/i);
  });

  it('List with a page size of the wrong type', async () => {
    const request = exampleRequest('listFlowInstances');
    const body = JSON.parse(request.body ?? '{}');
    body.pagination.pageSize = String(body.pagination.pageSize);
    const answer = await send(mock.url, { ...request, body: JSON.stringify(body) });
    expectValidationError(answer, ['request', 'body', 'pagination', 'pageSize'], 'type');
  });

  it('Cancel without the instance to cancel', async () => {
    const answer = await send(mock.url, { ...exampleRequest('cancelFlowInstance'), body: '{}' });
    expectValidationError(answer, ['request', 'body'], 'required');
  });

  it('Cancel with the body List takes: the POSTs that share the path are not mixed up', async () => {
    const cancel = exampleRequest('cancelFlowInstance');
    const answer = await send(mock.url, {
      ...cancel,
      body: exampleRequest('listFlowInstances').body,
    });
    expectValidationError(answer, ['request', 'body'], 'required');
  });
});

describe('what is none of the operations', () => {
  const [first] = sharing as [OperationId];
  const route = operationRoute(first);
  const [name] = Object.keys(route.fixedQuery) as [string];

  it('an action the contract does not have: Prism 404', async () => {
    const request = exampleRequest(first);
    const answer = await send(mock.url, { ...request, query: { ...request.query, [name]: 'x' } });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });

  it('a method no operation of the action has: Prism 404', async () => {
    const other = route.method === 'GET' ? 'DELETE' : 'GET';
    const answer = await send(mock.url, {
      ...exampleRequest(first),
      method: other,
      body: undefined,
    });
    expect(answer.status).toBe(404);
  });

  it("the mock's internal path: a 404 that names the request to send", async () => {
    const request = exampleRequest(first);
    const internal = `${route.path};${new URLSearchParams(route.fixedQuery)}`;
    const answer = await send(mock.url, { ...request, path: internal });
    expect(answer.status).toBe(404);
    expect((answer.json as { detail: string }).detail).toContain(route.pathKey);
  });

  it('a CORS preflight of the real path is answered, as for every path', async () => {
    const response = await fetch(new URL(route.path, mock.url), {
      method: 'OPTIONS',
      headers: { origin: 'http://app.example', 'access-control-request-method': route.method },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://app.example');
  });
});
