/** A contract file read as the mock serves it: Prism's reader, the copy, the routing. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractFiles, loadContract, operationRoute } from '@enos-trigger/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidContractError } from '../src/errors.js';
import { readServedContract } from '../src/served-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'enos-mock-served-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A contract of one operation, `paths` as given. */
function contractText(paths: unknown): string {
  return JSON.stringify({ openapi: '3.0.3', info: { title: 't', version: '1' }, paths });
}

const answered = { '200': { description: 'OK' } };

describe('readServedContract', () => {
  it.each([
    ['the bundled YAML', contractFiles.yaml],
    ['the dereferenced JSON', contractFiles.json],
  ])('reads %s of the contract into the same copy', async (_, file) => {
    const served = await readServedContract(file);
    const paths = Object.keys(served.document.paths);
    expect(paths.some((key) => key.includes('?'))).toBe(false);
    expect(paths).toHaveLength(Object.keys(loadContract().paths).length);
    expect(() => JSON.stringify(served.document)).not.toThrow();
    const { method, path, fixedQuery } = operationRoute('listFlowInstances');
    const target = `${path}?${new URLSearchParams({ ...fixedQuery, userId: 'u' })}`;
    expect(served.front(method, target)).toEqual({
      target: expect.stringMatching(new RegExp(`^${path};`)),
    });
  });

  it('bundles a contract spread over files into one document for Prism', async () => {
    write('thing.yaml', 'Thing:\n  type: object\n  properties:\n    id: { type: integer }\n');
    const file = write(
      'split.json',
      contractText({
        '/things?action=get': {
          get: {
            operationId: 'getThing',
            responses: {
              '200': {
                description: 'OK',
                content: { 'application/json': { schema: { $ref: './thing.yaml#/Thing' } } },
              },
            },
          },
        },
      }),
    );
    const served = await readServedContract(file);
    expect(JSON.stringify(served.document)).not.toContain('thing.yaml');
    expect(Object.keys(served.document.paths)).toEqual(['/things;action=get']);
  });

  it('refuses a $ref to a URL: the mock opens no connection', async () => {
    const file = write(
      'remote.json',
      contractText({
        '/things': {
          get: {
            operationId: 'getThing',
            responses: { '200': { $ref: 'http://127.0.0.1:9/responses.yaml#/ok' } },
          },
        },
      }),
    );
    const error = await readServedContract(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidContractError);
    expect((error as Error).message).toContain(`The contract ${file} cannot be served`);
  });

  it('refuses a file that is no contract, saying what to do', async () => {
    const file = write('notes.txt', 'just some words\n');
    const error = await readServedContract(file).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidContractError);
    expect((error as Error).message).toMatch(/cannot be served: .*Fix the file/);
  });

  it('refuses two operations that the same request would be, naming both', async () => {
    const twins = write(
      'twins.json',
      contractText({
        '/things': {
          post: {
            operationId: 'searchThings',
            parameters: [
              {
                name: 'action',
                in: 'query',
                required: true,
                schema: { type: 'string', enum: ['search'] },
              },
            ],
            responses: answered,
          },
        },
        '/things?action=search': { post: { operationId: 'findThings', responses: answered } },
      }),
    );
    await expect(readServedContract(twins)).rejects.toThrow(/searchThings and findThings/);
  });
});
