#!/usr/bin/env node
// `npm run pack`: every publishable package as the tarball npm would publish, in one folder,
// so that they install together in an empty project before anything is on the registry.
// Usage: node scripts/pack.js [--no-build] [OUT_DIR]   (default: packs/). It builds what is
// stale first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishablePackages } from './check-changesets.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Packs into `out` (emptied first) and returns the tarballs' absolute paths. */
export function packAll(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const workspaces = publishablePackages(root).flatMap(({ dir }) => ['--workspace', dir]);
  execFileSync('npm', ['pack', ...workspaces, '--pack-destination', out, '--silent'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return readdirSync(out)
    .filter((file) => file.endsWith('.tgz'))
    .sort()
    .map((file) => join(out, file));
}

/** Builds the publishable packages and what they depend on, through turbo's cache. */
function buildPublishable() {
  const filters = publishablePackages(root).map(({ name }) => `--filter=${name}...`);
  execFileSync(
    join(root, 'scripts/turbo.sh'),
    ['run', 'build', ...filters, '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  // --no-build: for a caller that has built already (the end-to-end test, inside turbo's run).
  if (!args.includes('--no-build')) buildPublishable();
  const out = resolve(args.find((arg) => !arg.startsWith('--')) ?? join(root, 'packs'));
  const tarballs = packAll(out);
  const shown = tarballs.map((file) => relative(process.cwd(), file) || file);
  console.log(`Packed ${tarballs.length} packages into ${relative(process.cwd(), out) || '.'}:`);
  for (const file of shown) console.log(`  ${file}`);
  console.log(`\nInstall them together in a project:\n  npm install ${shown.join(' ')}`);
}
