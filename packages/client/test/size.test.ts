/**
 * Two budgets, kept in one place, size-budget.json at the package's root (which the bench's
 * figure client_gzip_bytes, packages/bench/src/figures/bundle-size.ts, also reads), each
 * measured as an application's bundler would ship it for a browser (esbuild, minified, ESM,
 * tree-shaken, gzip level 9):
 *
 * - `triggerOnly`: an application that only triggers (createSession and triggerFlow, the tiny
 *   app below): at most 4,000 B gzipped. It was the whole client entry, 5,196 B, before the
 *   operations became standalone functions over a session, and the advice (`triggerAdvice`),
 *   retries (`retrying`), the checks of options and arguments with their long messages
 *   (checks.ts) and the instant an instance ID encodes went where only the applications that
 *   ask for them carry them; createFinalURL gave way to one template string.
 * - the top-level `minified` and `gzipped`: the whole client entry, every operation included
 *   (the instance operations, the wait, advice, retries, checks): printed and budgeted.
 *
 * History of the whole entry's budget: 4,000 B gzipped until the client streamed and capped
 * every body it reads, refused redirects, scrubbed every encoding of its secrets and gave the
 * instance of a same-minute 62102 on a retry (4,610 B); 4,650 B and 10,000 B minified until
 * each business failure carried the contract's advice (5,161 B); 5,200 B and 11,000 B until
 * the instance operations (get, list, cancel, wait, trigger-and-wait) joined it; 7,800 B and
 * 20,500 B until the contract's cancel catalog gained its locked user and workflow (their advice,
 * 20,586 B minified, 7,734 B gzipped) and the wait checked its own options (20,792 B, 7,833 B).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
interface Budget {
  minified: number;
  gzipped: number;
}
const BUDGET: Budget & { triggerOnly: Budget } = JSON.parse(
  readFileSync(join(packageDir, 'size-budget.json'), 'utf8'),
);

/** An application that only triggers: what it imports is all that triggering needs. */
const TRIGGER_ONLY_APP = `
import { createSession, triggerFlow } from './dist/index.js';
const session = createSession({
  baseUrl: 'https://apigw.example.com',
  appKey: 'key',
  appSecret: 'secret',
  userId: 'user',
  orgId: 'org',
});
const result = await triggerFlow(session, { flowId: 3377 });
console.log(result.ok ? result.flowInstanceId : result.error.message);
`;

interface Size {
  minified: number;
  gzipped: number;
  /** Every file the bundler read. */
  inputs: string[];
  /** The files of which some code reached the bundle (tree-shaking dropped the others). */
  shipped: string[];
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
    shipped: Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    ),
  };
}

describe('size', () => {
  const row = (name: string, size: Budget) =>
    `${name.padEnd(46)}${String(size.minified).padStart(8)} B${String(size.gzipped).padStart(8)} B`;

  it('of an application that only triggers is within its budget (4 kB gzipped)', async () => {
    const app = await measure(TRIGGER_ONLY_APP);
    const client = await measure("export * from './dist/index.js';");
    const openapiFetch = await measure("export { default } from 'openapi-fetch';");
    const raw = await measure("export * from './dist/raw.js';");
    console.log(
      [
        `${'bundle (esbuild, minified, browser)'.padEnd(46)}${'min'.padStart(10)}${'gzip'.padStart(10)}`,
        row('trigger-only app (createSession, triggerFlow)', app),
        row('budget of the trigger-only app', BUDGET.triggerOnly),
        row('@enos-trigger/client, every export', client),
        row('budget of the whole client entry', BUDGET),
        row('openapi-fetch alone (createClient)', openapiFetch),
        row('@enos-trigger/client/raw (for information)', raw),
      ].join('\n'),
    );
    expect(app.minified).toBeLessThanOrEqual(BUDGET.triggerOnly.minified);
    expect(app.gzipped).toBeLessThanOrEqual(BUDGET.triggerOnly.gzipped);
    // What tree-shaking must have dropped: the other operations, the advice, the retries, the
    // client's checks, and openapi-fetch (the transport builds its URL itself).
    const dropped = /instances|wait|advice|checks|client|openapi-fetch/;
    expect(app.shipped.filter((input) => dropped.test(input))).toEqual([]);
    expect(app.shipped).toContain('dist/trigger.js');
    // The whole entry carries them: the filter above can see them.
    expect(client.shipped.filter((input) => dropped.test(input)).length).toBeGreaterThan(4);
  });

  it('of the whole client entry is within its budget', async () => {
    const client = await measure("export * from './dist/index.js';");
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
