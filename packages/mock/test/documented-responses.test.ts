import { errorCatalog, gatewayErrors, successExample } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { documentedResponses } from '../src/documented-responses.js';
import { contractWithExample } from './support/changed-contract.js';

const OPERATIONS = ['triggerFlow', 'getAccessToken'] as const;

describe('documentedResponses', () => {
  it.each(OPERATIONS)(
    'lists the success, every business error and every gateway error of %s',
    (id) => {
      const listed = documentedResponses().filter((response) => response.operationId === id);
      const expected = [
        `200 example=${successExample(id).name}`,
        ...errorCatalog(id).map((entry) => `200 example=${entry.name}`),
        ...gatewayErrors(id).map((error) => `${error.status} code=${error.status}`),
      ];
      expect(listed.map((response) => `${response.status} ${response.prefer}`).sort()).toEqual(
        expected.sort(),
      );
    },
  );

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
