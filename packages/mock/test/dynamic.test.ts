/** --dynamic generates answers from the schemas; --seed makes them the same run after run. */

import { type PrismServer, startMock } from '@enos-trigger/mock';
import { findOperation, type OperationId, successExample } from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleRequest, send } from './support/requests.js';
import { undocumentedKeys } from './support/undocumented-keys.js';

let mock: PrismServer;
beforeAll(async () => {
  mock = await startMock({ port: 0, dynamic: true, seed: 'enos-trigger' });
});
afterAll(() => mock?.close());

const OPERATIONS: OperationId[] = ['triggerFlow', 'getAccessToken'];

function successSchema(id: OperationId) {
  const schema =
    findOperation(id).operation.responses['200']?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the contract has no 200 schema for ${id}`);
  return schema;
}

describe.each(OPERATIONS)('a dynamic answer of %s', (id) => {
  it('conforms to the contract, with no property the contract does not list', async () => {
    const answer = await send(mock.url, exampleRequest(id));
    expect(answer.status).toBe(200);
    const validate = compileSchema(successSchema(id));
    expect(validate(answer.json), JSON.stringify(validate.errors)).toBe(true);
    expect(undocumentedKeys(answer.json, [successSchema(id)])).toEqual([]);
  });

  it('is generated, not the static example', async () => {
    const answer = await send(mock.url, exampleRequest(id));
    expect(answer.json).not.toEqual(successExample(id).value);
  });

  it('is the same for the same request (Prism seeds each generation; unseeded, it varies)', async () => {
    const first = await send(mock.url, exampleRequest(id));
    const again = await send(mock.url, exampleRequest(id));
    expect(again.json).toEqual(first.json);
  });
});
