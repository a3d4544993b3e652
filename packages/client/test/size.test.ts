/**
 * The size budget of the client entry, openapi-fetch's pieces bundled in, as an application's
 * bundler would ship it for a browser: at most 11 kB minified and 5.2 kB gzipped. Printed next
 * to all of openapi-fetch and to the /raw entry (which carries all of it).
 *
 * The gzipped budget was 4,000 B (the client at 3,974 B) until the client learned to stream and
 * cap every body it reads, to refuse redirects, to scrub every encoding of its secrets from
 * every string of a result and of an error's causes, and to give the instance of a same-minute
 * 62102 on a retry: 4,610 B, with the savings found (a shorter parseFlowInstanceId sharing its
 * digits with the new ID builder, one message builder for answers outside the contract) taken.
 *
 * It was 10,000 B minified and 4,650 B gzipped (the client at 9,498 B and 4,610 B) until each
 * business failure's message carried the contract's advice for its entry, placeholders filled
 * in from the call: 5,161 B gzipped and 10,815 B minified. The advice texts themselves (8, read
 * from the contract at build, 760 B minified) are 315 B gzipped; a message per invalid option,
 * naming it, and the placeholders, the instance-ID mismatch and 62109's mayHaveTriggered the
 * rest, less the generic hint they replace. Only the trigger catalog's advice ships: the token
 * service's messages keep their shorter hints.
 *
 * The budget is kept in one place, size-budget.json at the package's root, which this test and
 * the bench's figure client_gzip_bytes (packages/bench/src/figures/bundle-size.ts) both read.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET: { minified: number; gzipped: number } = JSON.parse(
  readFileSync(join(packageDir, 'size-budget.json'), 'utf8'),
);

interface Size {
  minified: number;
  gzipped: number;
  inputs: string[];
}

/** Bundle `source` as an application would for the browser: minified, ESM, tree-shaken. */
async function measure(source: string): Promise<Size> {
  const result = await build({
    stdin: { contents: source, resolveDir: packageDir },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return {
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs),
  };
}

describe('size', () => {
  it('of the client entry is within 11 kB minified and 5.2 kB gzipped', async () => {
    const client = await measure("export * from './dist/index.js';");
    const openapiFetch = await measure("export { default } from 'openapi-fetch';");
    const raw = await measure("export * from './dist/raw.js';");
    const row = (name: string, size: Size) =>
      `${name.padEnd(44)}${String(size.minified).padStart(8)} B${String(size.gzipped).padStart(8)} B`;
    console.log(
      [
        `${'bundle (esbuild, minified, browser)'.padEnd(44)}${'min'.padStart(10)}${'gzip'.padStart(10)}`,
        row('@enos-trigger/client (with openapi-fetch)', client),
        row('openapi-fetch alone (createClient)', openapiFetch),
        row('@enos-trigger/client/raw (for information)', raw),
        `${'budget of the client entry'.padEnd(44)}${String(BUDGET.minified).padStart(8)} B${String(BUDGET.gzipped).padStart(8)} B`,
      ].join('\n'),
    );
    expect(client.inputs.some((input) => input.includes('openapi-fetch'))).toBe(true);
    expect(client.minified).toBeLessThanOrEqual(BUDGET.minified);
    expect(client.gzipped).toBeLessThanOrEqual(BUDGET.gzipped);
  });

  it('counts no Node built-in: the runtime is for browsers and edge runtimes too', async () => {
    // platform 'browser' fails on a node: import; this also catches a bare 'crypto' or 'fs'.
    for (const entry of ['./dist/index.js', './dist/raw.js']) {
      const { inputs } = await measure(`export * from '${entry}';`);
      const foreign = inputs.filter(
        (input) => input !== '<stdin>' && !/^(dist|\.\.\/\.\.\/node_modules)\//.test(input),
      );
      expect(foreign).toEqual([]);
    }
  });
});
