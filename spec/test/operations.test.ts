/**
 * The per-operation readers, checked against the structure of the contract itself (its paths,
 * parameters, security schemes, schemas and responses), never against values copied from it.
 */
import { readFileSync } from 'node:fs';
import {
  documentOperations,
  envelopeCodeField,
  errorCatalog,
  findOperation,
  gatewayErrors,
  gatewayStatuses,
  hasRequestBody,
  type JsonSchema,
  OPERATION_IDS,
  type OpenApiDocument,
  operationIds,
  operationMatcher,
  operationRoute,
  securityHeaderNames,
  securityHeaders,
  splitPathKey,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_FILE,
  contractOperationIds,
  GENERATED_FILE,
  renderOperationIds,
} from '../scripts/generate-operation-ids.js';
import { contract } from './contract.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of the contract, walked here independently of the readers. */
const walked = Object.entries(contract.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({ path, method, operation })),
);

/** A copy of the contract to change, so that a reader can be seen to follow it. */
function variant(change: (document: OpenApiDocument) => void): OpenApiDocument {
  const copy = structuredClone(contract);
  change(copy);
  return copy;
}

describe('operation ids', () => {
  it('the generated file is what the generator writes from openapi.yaml (run npx tsx spec/scripts/generate-operation-ids.ts if not)', () => {
    const ids = contractOperationIds(readFileSync(CONTRACT_FILE, 'utf8'));
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(renderOperationIds(ids));
  });

  it('are every operationId of the contract, in its order', () => {
    expect(operationIds()).toEqual(walked.map(({ operation }) => operation.operationId));
    expect([...OPERATION_IDS]).toEqual(operationIds());
  });

  it('refuse a contract with an operation the build does not know', () => {
    const grown = variant((d) => {
      d.paths['/new'] = { get: { ...walked[0]?.operation, operationId: 'somethingNew' } } as never;
    });
    expect(() => operationIds(grown)).toThrow(/generate-operation-ids/);
  });

  it('as documentOperations, list every operation of any document, one the build does not know too', () => {
    const grown = variant((d) => {
      d.paths['/new'] = {
        parameters: [],
        get: { ...walked[0]?.operation, operationId: 'somethingNew' },
      } as never;
    });
    const listed = documentOperations(grown);
    expect(listed.map(({ operationId }) => operationId)).toEqual([
      ...operationIds(),
      'somethingNew',
    ]);
    expect(listed.at(-1)).toMatchObject({ path: '/new', method: 'get' });
  });

  it('the generator refuses an operation without an id, and a repeated id', () => {
    expect(() => contractOperationIds('paths:\n  /a:\n    get: {}\n')).toThrow(/no operationId/);
    expect(() =>
      contractOperationIds(
        'paths:\n  /a:\n    get: {operationId: x}\n  /b:\n    get: {operationId: x}\n',
      ),
    ).toThrow(/twice/);
  });
});

const match = operationMatcher();

describe.each(walked)('$method $path', ({ path, method, operation }) => {
  const id = operation.operationId as (typeof OPERATION_IDS)[number];

  it('operationRoute: its method (upper case), its path key split at ?, and the fixed query of the key and of its single-valued required query parameters', () => {
    const mark = path.indexOf('?');
    const keyQuery = mark === -1 ? [] : [...new URLSearchParams(path.slice(mark + 1))];
    const fixed = (operation.parameters ?? []).filter(
      (p) =>
        p.in === 'query' && p.required && (p.schema.enum as unknown[] | undefined)?.length === 1,
    );
    expect(operationRoute(id)).toEqual({
      operationId: id,
      method: method.toUpperCase(),
      path: mark === -1 ? path : path.slice(0, mark),
      pathKey: path,
      fixedQuery: Object.fromEntries([
        ...keyQuery,
        ...fixed.map((p) => [p.name, (p.schema.enum as string[])[0]]),
      ]),
    });
    expect(operationRoute(id).path).not.toContain('?');
  });

  it('operationMatcher: a request with its method, path and fixed query is this operation', () => {
    const { path: wirePath, fixedQuery } = operationRoute(id);
    const sent = [...Object.entries(fixedQuery), ['userId', 'u'] as [string, string]];
    expect(match(method.toUpperCase(), wirePath, sent)).toBe(id);
    expect(match(method.toUpperCase(), `${wirePath}/`, sent)).toBeUndefined();
    expect(match(method === 'get' ? 'DELETE' : 'GET', wirePath, sent)).toBeUndefined();
  });

  it('securityHeaders: the header schemes of its security requirement, or the document’s', () => {
    const requirement = (operation.security ?? contract.security)[0] ?? {};
    const schemes = Object.keys(requirement);
    expect(securityHeaders(id).map((h) => h.scheme)).toEqual(schemes);
    expect(securityHeaderNames(id)).toEqual(
      schemes.map((s) => contract.components.securitySchemes[s]?.name?.toLowerCase()),
    );
  });

  it('envelopeCodeField: the field that is 0 in the success example and carries every catalog code', () => {
    const field = envelopeCodeField(id);
    const media = operation.responses['200']?.content?.['application/json'];
    const examples = Object.values(media?.examples ?? {});
    const success = examples.find((e) => !e['x-enos-error'])?.value as Record<string, unknown>;
    expect(success[field]).toBe(0);
    const errors = examples.filter((e) => e['x-enos-error']);
    expect(errors.length).toBeGreaterThan(0);
    for (const example of errors) {
      const code = (example.value as Record<string, unknown>)[field];
      expect(code).toBeTypeOf('number');
      expect(code).not.toBe(0);
    }
    expect(errorCatalog(id).map((e) => e.code)).toEqual(
      errors.map((e) => (e.value as Record<string, unknown>)[field]),
    );
  });

  it('gatewayStatuses: every documented status but the 2xx ones, as gatewayErrors reads them', () => {
    const statuses = Object.keys(operation.responses)
      .map(Number)
      .filter((s) => s < 200 || s >= 300);
    expect(gatewayStatuses(id)).toEqual(statuses);
    expect(gatewayErrors(id).map((e) => e.status)).toEqual(statuses);
  });

  it('hasRequestBody: whether it documents a request body', () => {
    expect(hasRequestBody(id)).toBe(operation.requestBody !== undefined);
  });
});

describe('the readers follow the contract they are given', () => {
  const [first] = walked;
  const id = first?.operation.operationId as (typeof OPERATION_IDS)[number];

  it('a public operation has no security headers', () => {
    const open = variant((d) => {
      const op = findOperation(id, d).operation;
      op.security = [];
    });
    expect(securityHeaders(id, open)).toEqual([]);
  });

  it('a security scheme that is not a header API key is refused', () => {
    const odd = variant((d) => {
      const requirement = (findOperation(id, d).operation.security ?? d.security)[0] ?? {};
      const [scheme] = Object.keys(requirement);
      findOperation(id, d).operation.security = [{ [scheme ?? 'x']: [] }];
      d.components.securitySchemes[scheme ?? 'x'] = { type: 'http' };
    });
    expect(() => securityHeaders(id, odd)).toThrow(/not an API key in a header/);
  });

  it('the code field moves with the success schema', () => {
    const renamed = variant((d) => {
      const media = findOperation(id, d).operation.responses['200']?.content?.['application/json'];
      const schema = media?.schema as JsonSchema;
      for (const branch of (schema.oneOf ?? [schema]) as JsonSchema[]) {
        const properties = branch.properties as Record<string, JsonSchema>;
        const field = envelopeCodeField(id);
        if ((properties[field]?.enum as unknown[] | undefined)?.[0] !== 0) continue;
        properties.outcome = properties[field] as JsonSchema;
        delete properties[field];
        branch.required = [...((branch.required as string[]) ?? []), 'outcome'];
      }
    });
    expect(envelopeCodeField(id, renamed)).toBe('outcome');
  });

  it('a removed request body and a removed gateway answer show', () => {
    const changed = variant((d) => {
      const op = findOperation(id, d).operation;
      delete op.requestBody;
      const [status] = gatewayStatuses(id);
      delete op.responses[String(status)];
    });
    expect(hasRequestBody(id, changed)).toBe(false);
    expect(gatewayStatuses(id, changed)).toEqual(gatewayStatuses(id).slice(1));
  });
});

describe('operations of one path told apart by a fixed query', () => {
  const sharing = walked.filter(({ path }) => path.includes('?'));
  const [key = ''] = sharing.map(({ path }) => path);
  const wirePath = splitPathKey(key).path;
  const atPath = walked.filter(({ path }) => splitPathKey(path).path === wirePath);

  it('exist in the contract: several operations on one wire path, each key fixing its query', () => {
    expect(atPath.length).toBeGreaterThan(1);
    const posts = atPath.filter(({ method }) => method === 'post');
    expect(posts.length).toBeGreaterThan(1);
  });

  it('are each matched by their own fixed query, whatever else the query holds', () => {
    for (const { method, path, operation } of atPath) {
      const { query } = splitPathKey(path);
      const sent: [string, string][] = [['orgId', 'o'], ...Object.entries(query), ['userId', 'u']];
      expect(match(method.toUpperCase(), wirePath, sent)).toBe(operation.operationId);
    }
  });

  it('are none of them without the fixed query, with another value, or with it twice', () => {
    for (const { method, path } of atPath) {
      const [[name, value] = ['', '']] = Object.entries(splitPathKey(path).query);
      const m = method.toUpperCase();
      expect(match(m, wirePath, [['userId', 'u']])).toBeUndefined();
      expect(match(m, wirePath, [[name, `${value}-not`]])).toBeUndefined();
      expect(
        match(m, wirePath, [
          [name, value],
          [name, value],
        ]),
      ).toBeUndefined();
    }
  });

  it('leave a value fixed by a parameter to the operation, which its own schema refuses', () => {
    const byParameter = walked.find(
      ({ path, operation }) =>
        !path.includes('?') &&
        Object.keys(operationRoute(operation.operationId as never).fixedQuery).length > 0,
    );
    expect(byParameter).toBeDefined();
    const { method, path, operation } = byParameter as (typeof walked)[number];
    const [name = ''] = Object.keys(operationRoute(operation.operationId as never).fixedQuery);
    expect(match(method.toUpperCase(), path, [[name, 'something-else']])).toBe(
      operation.operationId,
    );
  });

  it('refuse a contract where two operations share method, path and fixed query', () => {
    const twin = variant((d) => {
      const item = d.paths[key] as Record<string, OpenApiDocument['paths'][string][string]>;
      const [method = 'post'] = Object.keys(item);
      // Another key with the same path and query: a trailing & changes the key, not the query.
      d.paths[`${key}&`] = { [method]: { ...item[method], operationId: 'twinOperation' } } as never;
    });
    expect(() => operationMatcher(twin)).toThrow(/same fixed query/);
  });
});

describe('splitPathKey', () => {
  it('splits a key into its path and fixed query, and keeps a key without ? whole', () => {
    expect(splitPathKey('/a/b?action=get')).toEqual({ path: '/a/b', query: { action: 'get' } });
    expect(splitPathKey('/a/b')).toEqual({ path: '/a/b', query: {} });
  });

  it.each(['/a?action=get&action=put', '/a?action=', '/a?=get'])(
    'refuses %s, which does not fix each parameter once',
    (key) => {
      expect(() => splitPathKey(key)).toThrow(/once, as name=value/);
    },
  );
});
