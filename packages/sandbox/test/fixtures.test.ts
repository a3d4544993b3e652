import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultFixtures,
  type Fixtures,
  FixturesError,
  loadFixturesFile,
  resolveFixtures,
  startSandbox,
} from '../src/index.js';

describe('the default fixtures', () => {
  it('are the ones the issue and the docs name', () => {
    expect(defaultFixtures.apps).toEqual([
      { appKey: 'sandbox-app-key', appSecret: 'sandbox-app-secret' },
    ]);
    expect(defaultFixtures.users).toEqual([
      { userId: 'sandbox-user', orgId: 'sandbox-org' },
      { userId: 'other-user', orgId: 'sandbox-org' },
      { userId: 'locked-user', orgId: 'sandbox-org', locked: true },
    ]);
    const flows = defaultFixtures.flows.map((f) => [f.flowId, f.owner, f.hasTasks, !!f.locked]);
    expect(flows).toEqual([
      [3377, 'sandbox-user', true, false],
      [2791, 'sandbox-user', true, false],
      [4040, 'sandbox-user', false, false],
      [4030, 'other-user', true, false],
      [4230, 'sandbox-user', true, true],
      [4231, 'locked-user', true, false],
    ]);
  });

  it('cannot be changed by a reader', () => {
    expect(() => {
      (defaultFixtures.flows as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(Object.isFrozen(defaultFixtures.flows[0])).toBe(true);
  });

  it('resolve with their defaults filled in', () => {
    const resolved = resolveFixtures(defaultFixtures);
    expect(resolved.apps[0]?.tokenLifetimeSeconds).toBe(7200);
    expect(resolved.flows[0]).toMatchObject({ locked: false, runMs: 30_000, result: 'SUCCESS' });
  });
});

type Entry = Record<string, unknown>;
type Doc = { apps: Entry[]; users: Entry[]; flows: Entry[] };
type List = keyof Doc;

const copy = (): Doc => JSON.parse(JSON.stringify(defaultFixtures));

function entry(doc: Doc, list: List, i: number): Entry {
  const found = doc[list][i];
  if (!found) throw new Error(`no ${list}[${i}] in the default fixtures`);
  return found;
}
const set = (list: List, i: number, field: string, value: unknown) => (doc: Doc) => {
  entry(doc, list, i)[field] = value;
  return doc;
};
const drop = (list: List, i: number, field: string) => (doc: Doc) => {
  delete entry(doc, list, i)[field];
  return doc;
};

describe('a bad fixtures document', () => {
  const cases: [string, (doc: Doc) => unknown, string][] = [
    ['not an object', () => [], 'the document'],
    ['an unknown top-level field', (doc) => ({ ...doc, tenants: [] }), 'the document'],
    ['users not an array', (doc) => ({ ...doc, users: {} }), 'users'],
    ['a flow owned by nobody', set('flows', 3, 'owner', 'ghost'), 'flows[3].owner'],
    ['a repeated flowId', set('flows', 1, 'flowId', 3377), 'flows[1].flowId'],
    ['a repeated userId', set('users', 2, 'userId', 'sandbox-user'), 'users[2].userId'],
    [
      'a repeated appKey',
      (doc) => ({ ...doc, apps: [...doc.apps, ...doc.apps] }),
      'apps[1].appKey',
    ],
    ['a negative flowId', set('flows', 0, 'flowId', -1), 'flows[0].flowId'],
    ['a fractional flowId', set('flows', 2, 'flowId', 1.5), 'flows[2].flowId'],
    ['a flowId over int32', set('flows', 2, 'flowId', 2 ** 31), 'flows[2].flowId'],
    ['a string flowId', set('flows', 2, 'flowId', '1'), 'flows[2].flowId'],
    ['hasTasks missing', drop('flows', 4, 'hasTasks'), 'flows[4].hasTasks'],
    ['a typo in a field', set('flows', 5, 'hasTask', true), 'flows[5]'],
    ['a bad result', set('flows', 0, 'result', 'OK'), 'flows[0].result'],
    ['a zero run time', set('flows', 0, 'runMs', 0), 'flows[0].runMs'],
    ['an empty workflow name', set('flows', 1, 'name', ''), 'flows[1].name'],
    ['an empty orgId', set('users', 1, 'orgId', ''), 'users[1].orgId'],
    ['locked as a string', set('users', 1, 'locked', 'yes'), 'users[1].locked'],
    ['an empty secret', set('apps', 0, 'appSecret', ''), 'apps[0].appSecret'],
    [
      'a zero token lifetime',
      set('apps', 0, 'tokenLifetimeSeconds', 0),
      'apps[0].tokenLifetimeSeconds',
    ],
    [
      'a __proto__ key',
      () => JSON.parse('{"apps":[],"users":[],"flows":[],"__proto__":{}}'),
      'the document',
    ],
    ['a null entry', (doc) => ({ ...doc, flows: [null] }), 'flows[0]'],
  ];
  for (const [what, change, entry] of cases) {
    it(`is refused for ${what}, naming ${entry}`, () => {
      let thrown: unknown;
      try {
        resolveFixtures(change(copy()));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FixturesError);
      expect((thrown as FixturesError).entry).toBe(entry);
      expect((thrown as FixturesError).message).toContain(entry);
    });
  }

  it('stops startSandbox before it listens', async () => {
    const bad = set('flows', 0, 'owner', 'ghost')(copy()) as unknown as Fixtures;
    await expect(startSandbox({ port: 0, fixtures: bad })).rejects.toThrow(/flows\[0\]\.owner/);
  });
});

describe('a fixtures file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sandbox-fixtures-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is read and checked', () => {
    const custom = copy();
    custom.flows = [{ flowId: 1, owner: 'sandbox-user', hasTasks: true, result: 'FAIL', runMs: 5 }];
    const loaded = loadFixturesFile(file('good.json', JSON.stringify(custom)));
    expect(loaded.flows).toEqual([
      {
        flowId: 1,
        name: 'flow_1',
        owner: 'sandbox-user',
        hasTasks: true,
        locked: false,
        runMs: 5,
        result: 'FAIL',
      },
    ]);
  });

  it('is refused, naming the file, when missing, not JSON, or with a bad entry', () => {
    const bad = set('users', 0, 'userId', '')(copy());
    const cases: [string, RegExp][] = [
      [join(dir, 'missing.json'), /missing\.json: the file cannot be read \(ENOENT\)/],
      [file('broken.json', '{"apps": ['), /broken\.json: the file is not JSON/],
      [file('bad.json', JSON.stringify(bad)), /bad\.json: users\[0\]\.userId/],
    ];
    for (const [path, message] of cases) {
      expect(() => loadFixturesFile(path)).toThrow(message);
    }
  });
});
