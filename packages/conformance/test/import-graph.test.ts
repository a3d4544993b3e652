/**
 * Dependencies between the package's folders run one way: no folder imports a folder that
 * imports it back, however long the way round. And only the run's choice of engine and the
 * package's surface name the Dredd adapter: everything else talks to the Engine interface.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type FolderGraph, folderCycles, folderGraph } from './support/import-graph.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const graph = folderGraph(SRC);

const edges = (list: [string, string[]][]): FolderGraph =>
  new Map(list.map(([from, to]) => [from, new Map(to.map((t) => [t, `${from} → ${t}`]))]));

describe('the folder cycle finder', () => {
  it('finds a cycle through three folders, and none in a chain', () => {
    const cycle = edges([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(folderCycles(cycle).map((c) => c.folders)).toEqual([['a', 'b', 'c']]);
    expect(folderCycles(cycle)[0]?.imports).toHaveLength(3);
    const chain = edges([
      ['a', ['b']],
      ['b', ['c']],
    ]);
    expect(folderCycles(chain)).toEqual([]);
  });

  it('reads the imports of the real tree, folder by folder', () => {
    expect(graph.get('run')?.has('engine')).toBe(true);
    expect(graph.get('engine/dredd')?.has('checks')).toBe(true);
    expect(graph.get('checks')?.has('run')).toBe(false);
  });
});

describe("the package's folders", () => {
  it('import one another one way only', () => {
    expect(folderCycles(graph)).toEqual([]);
  });

  it('name the Dredd adapter only in the choice of engine (run) and the package surface', () => {
    const importers = [...graph]
      .filter(([from, to]) => to.has('engine/dredd') && from !== 'engine/dredd')
      .map(([from]) => from)
      .sort();
    expect(importers).toEqual(['.', 'run']);
  });
});
