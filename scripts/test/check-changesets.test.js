import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { missingChangesets } from '../check-changesets.js';

let root;
const git = (...args) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
const write = (file, content) => {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), content);
};
const pkg = (name, extra = {}) => JSON.stringify({ name, version: '1.0.0', ...extra });

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'changesets-'));
  write('package.json', JSON.stringify({ workspaces: ['spec', 'packages/*'] }));
  write('spec/package.json', pkg('@x/spec'));
  write('packages/client/package.json', pkg('@x/client'));
  write('packages/docs/package.json', pkg('@x/docs', { private: true }));
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'release');
  git('tag', '@x/spec@1.0.0');
  git('tag', '@x/client@1.0.0');
});

describe('check-changesets', () => {
  it('passes when nothing changed since the release', () => {
    expect(missingChangesets(root)).toEqual([]);
  });

  it('fails a changed publishable package with no changeset', () => {
    write('packages/client/src/index.ts', 'export {};');
    expect(missingChangesets(root).map((p) => [p.name, p.files])).toEqual([
      ['@x/client', ['packages/client/src/index.ts']],
    ]);
  });

  it('passes once a changeset names it', () => {
    write('packages/client/src/index.ts', 'export {};');
    write('.changeset/brave-fox.md', '---\n"@x/client": patch\n---\n\nFix.\n');
    expect(missingChangesets(root)).toEqual([]);
  });

  it('is not satisfied by a changeset naming another package', () => {
    write('packages/client/src/index.ts', 'export {};');
    write('.changeset/brave-fox.md', "---\n'@x/spec': minor\n---\n\nOther.\n");
    expect(missingChangesets(root).map((p) => p.name)).toEqual(['@x/client']);
  });

  it('ignores private packages and packages never released', () => {
    write('packages/docs/index.html', '<p>');
    write('packages/new/package.json', pkg('@x/new'));
    expect(missingChangesets(root)).toEqual([]);
  });
});
