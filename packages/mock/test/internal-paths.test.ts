/** The copy of the contract Prism serves: query-carrying path keys become paths of their own. */
import { loadContract, type OpenApiDocument, splitPathKey } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { withInternalPaths } from '../src/internal-paths.js';

const contract = loadContract();
const { document, internalPaths } = withInternalPaths(contract);
const keysWithQuery = Object.keys(contract.paths).filter((key) => key.includes('?'));

describe('the served copy of the contract', () => {
  it('has a path of its own for each path key that carries a query', () => {
    expect(keysWithQuery.length).toBeGreaterThan(0);
    expect([...internalPaths.keys()].sort()).toEqual([...keysWithQuery].sort());
    for (const [key, internal] of internalPaths) {
      const { path, query } = splitPathKey(key);
      expect(internal).toBe(`${path};${new URLSearchParams(query).toString()}`);
      expect(internal).not.toContain('?');
      expect(document.paths[internal]).toEqual(contract.paths[key]);
      expect(document.paths[key]).toBeUndefined();
    }
  });

  it('gives every internal path to one key: operations that share a path stay apart', () => {
    expect(new Set(internalPaths.values()).size).toBe(internalPaths.size);
  });

  it('keeps every other path, and everything outside paths, as it is', () => {
    for (const key of Object.keys(contract.paths).filter((k) => !k.includes('?'))) {
      expect(document.paths[key]).toEqual(contract.paths[key]);
    }
    const { paths: _copied, ...rest } = document;
    const { paths: _original, ...originalRest } = contract;
    expect(rest).toEqual(originalRest);
    expect(Object.keys(document.paths)).toHaveLength(Object.keys(contract.paths).length);
  });

  it('does not change the contract it is given', () => {
    expect(Object.keys(contract.paths)).toEqual(expect.arrayContaining(keysWithQuery));
  });

  it('points a $ref into a renamed path item at its new place', () => {
    const [key] = keysWithQuery as [string];
    const pointer = `#/paths/${key.replaceAll('/', '~1')}`;
    const withRef = {
      ...structuredClone(contract),
      components: { ...contract.components, x: { $ref: `${pointer}/get`, other: { $ref: '#/a' } } },
    } as OpenApiDocument;
    const renamed = withInternalPaths(withRef);
    const internal = renamed.internalPaths.get(key) as string;
    expect((renamed.document.components as unknown as Record<string, unknown>).x).toEqual({
      $ref: `#/paths/${internal.replaceAll('/', '~1')}/get`,
      other: { $ref: '#/a' },
    });
  });

  it('refuses a contract that already has the internal path a key needs, naming both', () => {
    const [key] = keysWithQuery as [string];
    const internal = internalPaths.get(key) as string;
    const clash = structuredClone(contract);
    clash.paths[internal] = {};
    expect(() => withInternalPaths(clash)).toThrow(
      `the path key "${key}" needs the internal path "${internal}", which the contract already has`,
    );
  });

  it('refuses a path key whose query is not name=value pairs', () => {
    const broken = { paths: { '/flows?action': {} } };
    expect(() => withInternalPaths(broken)).toThrow(/must fix each query parameter once/);
  });
});
