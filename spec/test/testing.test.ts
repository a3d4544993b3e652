/**
 * The extra operation other packages' tests add to a contract: it must be a valid operation of
 * this contract's kind, or their proofs would prove nothing.
 */
import {
  documentOperations,
  errorCatalog,
  gatewayStatuses,
  type JsonSchema,
  type OperationId,
  operationRoute,
  successExample,
} from '@enos-trigger/spec';
import { EXTRA_OPERATION, withExtraOperation } from '@enos-trigger/spec/testing';
import { compileSchema } from '@enos-trigger/spec/validation';
import { describe, expect, it } from 'vitest';
import { contract } from './contract.js';

const grown = withExtraOperation(contract);
const id = EXTRA_OPERATION.operationId as OperationId;

describe('withExtraOperation', () => {
  it('adds one operation and changes nothing else', () => {
    expect(documentOperations(grown).map((op) => op.operationId)).toEqual([
      ...documentOperations(contract).map((op) => op.operationId),
      id,
    ]);
    const { [EXTRA_OPERATION.path]: added, ...others } = grown.paths;
    expect(added).toBeDefined();
    expect(others).toEqual(contract.paths);
    expect(grown.components).toEqual(contract.components);
  });

  it("is read by the spec's readers: route, fixed query, catalog, success, gateway statuses", () => {
    expect(operationRoute(id, grown)).toEqual({
      operationId: id,
      method: 'GET',
      path: EXTRA_OPERATION.path,
      pathKey: EXTRA_OPERATION.path,
      fixedQuery: { action: EXTRA_OPERATION.query.action },
    });
    expect(errorCatalog(id, grown)).toMatchObject([
      {
        name: EXTRA_OPERATION.error.name,
        code: EXTRA_OPERATION.error.value.code,
        message: EXTRA_OPERATION.error.value.msg,
      },
    ]);
    expect(successExample(id, grown)).toEqual({
      name: EXTRA_OPERATION.success.name,
      value: EXTRA_OPERATION.success.value,
    });
    expect(gatewayStatuses(id, grown)).toEqual([400, 401]);
  });

  it('has examples that its own schemas accept', () => {
    const operation = documentOperations(grown).find((op) => op.operationId === id)?.operation;
    const media = operation?.responses['200']?.content?.['application/json'];
    const validate = compileSchema(media?.schema as JsonSchema);
    for (const example of Object.values(media?.examples ?? {})) {
      expect(validate(example.value), JSON.stringify(validate.errors)).toBe(true);
    }
    for (const parameter of operation?.parameters ?? []) {
      expect(compileSchema(parameter.schema as JsonSchema)(parameter.example), parameter.name).toBe(
        true,
      );
    }
  });
});
