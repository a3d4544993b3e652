import {
  envelopeCodeField,
  errorCatalog,
  findOperation,
  gatewayErrors,
  operationIds,
  successExample,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { documentedResponses } from '../src/documented-responses.js';
import { contractWithExample } from './support/changed-contract.js';

const OPERATIONS = operationIds();

describe('documentedResponses', () => {
  it('covers every operation of the contract', () => {
    const listed = new Set(documentedResponses().map((response) => response.operationId));
    expect([...listed].sort()).toEqual([...OPERATIONS].sort());
  });

  it.each(OPERATIONS)(
    'lists the successes, every business error and every gateway error of %s',
    (id) => {
      const listed = documentedResponses().filter((response) => response.operationId === id);
      const catalog = errorCatalog(id).map((entry) => entry.name);
      // A named 200 example of the contract outside the catalog is a success: its code field
      // says 0.
      const examples =
        findOperation(id).operation.responses['200']?.content?.['application/json']?.examples;
      const successes = Object.keys(examples ?? {}).filter((name) => !catalog.includes(name));
      expect(successes).toContain(successExample(id).name);
      for (const name of successes) {
        const success = listed.find(
          (response) => response.status === 200 && response.example === name,
        );
        expect(success?.body, name).toMatchObject({ [envelopeCodeField(id)]: 0 });
      }
      const expected = [
        ...successes.map((name) => `200 example=${name}`),
        ...catalog.map((name) => `200 example=${name}`),
        ...gatewayErrors(id).map((error) => `${error.status} code=${error.status}`),
      ];
      expect(listed.map((response) => `${response.status} ${response.prefer}`).sort()).toEqual(
        expected.sort(),
      );
    },
  );

  it("lists both of Get Flow Instance's successes: the trigger's instance and EnOS's documented sample", () => {
    const successes = documentedResponses()
      .filter((response) => response.operationId === 'getFlowInstance' && response.status === 200)
      .filter(
        (response) => !errorCatalog('getFlowInstance').some((e) => e.name === response.example),
      )
      .map((response) => (response.body as { data: { instanceId: string } }).data.instanceId);
    expect(successes.sort()).toEqual(['2809-20190808093200', '3377-20191122012300']);
  });

  it('gives each one the body and the headers the contract documents', () => {
    for (const id of OPERATIONS) {
      const listed = documentedResponses().filter((response) => response.operationId === id);
      for (const entry of errorCatalog(id)) {
        const body = listed.find((response) => response.example === entry.name)?.body;
        expect(body).toMatchObject({ msg: entry.message });
      }
      for (const error of gatewayErrors(id)) {
        const response = listed.find((candidate) => candidate.status === error.status);
        expect(response?.body).toEqual({ message: error.message });
        expect(response?.headers).toEqual(error.headers);
      }
    }
  });

  it('picks up an example added to the contract, so it gets a test and a README row', () => {
    const added = documentedResponses(contractWithExample('addedLater')).find(
      (response) => response.example === 'addedLater',
    );
    expect(added).toMatchObject({ status: 200, prefer: 'example=addedLater' });
  });

  it('selects a named example of a non-200 answer by status and name', () => {
    const listed = documentedResponses(contractWithExample('slowDown', '429')).find(
      (response) => response.example === 'slowDown',
    );
    expect(listed?.prefer).toBe('code=429, example=slowDown');
  });
});
