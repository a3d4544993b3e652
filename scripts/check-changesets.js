#!/usr/bin/env node
// Fails when a publishable package changed since its last release and no pending changeset
// names it. A release is the git tag `<name>@<version>` that `changeset publish` creates; a
// package never released has nothing to compare against and passes.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const git = (root, ...args) =>
  execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

/** The workspaces that publish: every `spec` or `packages/*` folder not marked private. */
export function publishablePackages(root) {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const dirs = workspaces.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => join(pattern.slice(0, -2), entry.name))
      : [pattern],
  );
  return dirs
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, ...JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .filter((pkg) => !pkg.private)
    .map(({ dir, name, version }) => ({ dir, name, version }));
}

/** Package names that the pending changesets (`.changeset/*.md`) name in their front matter. */
export function namedInChangesets(root) {
  const folder = join(root, '.changeset');
  if (!existsSync(folder)) return new Set();
  const names = readdirSync(folder)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .flatMap((file) => {
      const front = readFileSync(join(folder, file), 'utf8').split(/^---$/m)[1] ?? '';
      return [...front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map(
        (match) => match[1],
      );
    });
  return new Set(names);
}

/** Every publishable package changed since its release tag and named by no changeset. */
export function missingChangesets(root) {
  const named = namedInChangesets(root);
  return publishablePackages(root).flatMap((pkg) => {
    const tag = `${pkg.name}@${pkg.version}`;
    const released = git(root, 'tag', '--list', tag).trim() === tag;
    if (!released || named.has(pkg.name)) return [];
    const files = [
      ...git(root, 'diff', '--name-only', tag, '--', pkg.dir).split('\n'),
      ...git(root, 'ls-files', '--others', '--exclude-standard', '--', pkg.dir).split('\n'),
    ].filter(Boolean);
    return files.length > 0 ? [{ ...pkg, tag, files }] : [];
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = git(process.cwd(), 'rev-parse', '--show-toplevel').trim();
  const missing = missingChangesets(root);
  for (const pkg of missing) {
    console.error(
      `${pkg.name} changed since its release ${pkg.tag} (${pkg.files.length} file(s), e.g. ${pkg.files[0]}) and no changeset names it.`,
    );
  }
  if (missing.length > 0) {
    console.error('Run `npx changeset`, choose the package(s) and a bump, and commit the file.');
    process.exit(1);
  }
  console.log('changesets: every changed publishable package has one');
}
