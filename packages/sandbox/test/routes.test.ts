/**
 * The route table and the generic pipeline, driven by the contract's own readers: every
 * operation is served at its method and path, a signed one refuses a call without its security
 * headers, a public one does not ask for them, and the faults name the contract's operations.
 */
import {
  gatewayErrors,
  gatewayStatuses,
  hasRequestBody,
  operationIds,
  operationRoute,
  securityHeaderNames,
} from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_OPERATIONS, type Sandbox, startSandbox } from '../src/index.js';
import { send } from './support/http.js';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, clock: 'manual' });
});
afterAll(() => sandbox.close());

const targetOf = (fixedQuery: Readonly<Record<string, string>>, path: string) => {
  const search = new URLSearchParams(fixedQuery).toString();
  return search ? `${path}?${search}` : path;
};

describe.each(operationIds())('%s', (id) => {
  const { method, path, fixedQuery } = operationRoute(id);
  const headers = securityHeaderNames(id);

  it('is served at its method and path (no 404), and nowhere else on that path', async () => {
    const res = await send(sandbox.url, { method, path: targetOf(fixedQuery, path), body: '{}' });
    expect(res.status).not.toBe(404);
    const other = method === 'GET' ? 'DELETE' : 'GET';
    expect((await send(sandbox.url, { method: other, path })).status).toBe(404);
  });

  it('asks for its security headers, and only a signed operation does', async () => {
    const res = await send(sandbox.url, {
      method,
      path: targetOf(fixedQuery, path),
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (headers.length > 0) {
      expect(res.status).toBe(401);
      for (const name of headers) expect(res.headers['x-enos-sandbox-reason']).toContain(name);
    } else {
      expect(res.status).toBe(200);
    }
  });

  it('answers its documented gateway faults with the contract’s bodies', async () => {
    const messages = new Map(gatewayErrors(id).map((e) => [e.status, e.message]));
    for (const [type, status] of [
      ['unavailable', 503],
      ['rate-limit', 429],
    ] as const) {
      expect(gatewayStatuses(id)).toContain(status);
      sandbox.injectFault({ type, operation: id });
      const res = await send(sandbox.url, { method, path: targetOf(fixedQuery, path) });
      expect(res.status).toBe(status);
      expect(res.json).toEqual({ message: messages.get(status) });
    }
  });

  it('refuses a body not declared as JSON when it takes one', async () => {
    if (!hasRequestBody(id) || headers.length > 0) return; // signed: the 401 comes first
    const res = await send(sandbox.url, {
      method,
      path: targetOf(fixedQuery, path),
      headers: { 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(res.status).toBe(400);
  });
});

it('faults name the contract’s operations, or any', () => {
  expect([...FAULT_OPERATIONS]).toEqual([...operationIds(), 'any']);
});

describe('operations told apart by the fixed query of their path key', () => {
  const keyed = operationIds()
    .map((id) => operationRoute(id))
    .filter((route) => route.pathKey.includes('?'));

  it('exist in the contract', () => {
    expect(keyed.length).toBeGreaterThan(1);
  });

  it.each(keyed)(
    '$operationId: without its fixed query, another value or it twice, no route',
    async (route) => {
      const [[name, value] = ['', '']] = Object.entries(route.fixedQuery);
      for (const query of ['', `?${name}=${value}-not`, `?${name}=${value}&${name}=${value}`]) {
        const res = await send(sandbox.url, {
          method: route.method,
          path: `${route.path}${query}`,
        });
        expect(res.status, query).toBe(404);
        expect(res.headers['x-enos-sandbox-reason']).toContain(
          `${route.method} ${route.path}?${name}=${value}`,
        );
      }
    },
  );
});
