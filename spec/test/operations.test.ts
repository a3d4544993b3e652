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
  operationRoute,
  securityHeaderNames,
  securityHeaders,
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

describe.each(walked)('$method $path', ({ path, method, operation }) => {
  const id = operation.operationId as (typeof OPERATION_IDS)[number];

  it('operationRoute: its method (upper case) and path, and its single-valued required query parameters', () => {
    const fixed = (operation.parameters ?? []).filter(
      (p) =>
        p.in === 'query' && p.required && (p.schema.enum as unknown[] | undefined)?.length === 1,
    );
    expect(operationRoute(id)).toEqual({
      operationId: id,
      method: method.toUpperCase(),
      path,
      fixedQuery: Object.fromEntries(fixed.map((p) => [p.name, (p.schema.enum as string[])[0]])),
    });
    for (const [name, value] of Object.entries(operationRoute(id).fixedQuery)) {
      const parameter = operation.parameters?.find((p) => p.name === name);
      expect(parameter?.schema.enum).toEqual([value]);
    }
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
      if (scheme) d.components.securitySchemes[scheme] = { type: 'http' };
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
