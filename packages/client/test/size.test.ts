/**
 * The size budget of the client entry, openapi-fetch's pieces bundled in, as an application's
 * bundler would ship it for a browser: at most 10 kB minified and 4 kB gzipped. Printed next
 * to all of openapi-fetch and to the /raw entry (which carries all of it).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUDGET = { minified: 10_000, gzipped: 4_000 };

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
  it('of the client entry is within 10 kB minified and 4 kB gzipped', async () => {
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
