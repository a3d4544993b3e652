/**
 * Figure 3: what the client costs an application shipped to a browser, measured as the client's
 * own size test measures it (esbuild, minified, ESM, browser, tree-shaken, gzip level 9), next to
 * openapi-fetch alone bundled the same way. Two figures, against the two budgets of the client's
 * size-budget.json (read here, never copied):
 *
 * - `trigger_app_gzip_bytes`: an application that only triggers (createSession and triggerFlow),
 *   the same source as the size test's; its budget is the file's `triggerOnly`.
 * - `client_gzip_bytes`: the whole client entry, every operation; its budget is the file's top
 *   level. It was 5.2 kB (and a trigger paid all of it) until the operations became standalone
 *   functions over a session, which the instance operations then joined.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type Figure, figure } from '../figure.js';

interface Size {
  minified: number;
  gzipped: number;
}

interface Budgets extends Size {
  triggerOnly: Size;
}

const isSize = (value: unknown): value is Size =>
  typeof (value as Size | undefined)?.minified === 'number' &&
  typeof (value as Size | undefined)?.gzipped === 'number';

/** The client's budgets, found next to its package.json (which its exports serve). */
function readBudgets(): Budgets {
  const file = join(
    dirname(createRequire(import.meta.url).resolve('@enos-trigger/client/package.json')),
    'size-budget.json',
  );
  const budgets: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isSize(budgets) || !isSize((budgets as Partial<Budgets>).triggerOnly)) {
    throw new Error(
      `${file} does not hold {minified, gzipped, triggerOnly: {minified, gzipped}}: teach packages/bench/src/figures/bundle-size.ts its new shape.`,
    );
  }
  return budgets as Budgets;
}

/**
 * An application that only triggers: the source packages/client/test/size.test.ts bundles,
 * importing the package by its name (its exports resolve to the same dist/index.js).
 */
export const TRIGGER_ONLY_APP = `
import { createSession, triggerFlow } from '@enos-trigger/client';
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

/** Bundle `source` as an application would for the browser: minified, ESM, tree-shaken. */
async function bundledSize(source: string): Promise<Size> {
  const result = await build({
    stdin: { contents: source, resolveDir: dirname(fileURLToPath(import.meta.url)) },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { minified: code.length, gzipped: gzipSync(code, { level: 9 }).length };
}

const BUNDLER = 'esbuild 0.28.2, minified, ESM, platform browser; gzip level 9';

function sizeFigure(label: string, size: Size, budget: Size, openapiFetch: Size): Figure {
  const withinMinified = size.minified <= budget.minified;
  return figure({
    value: size.gzipped,
    baseline: openapiFetch.gzipped,
    unit: 'B gzipped',
    valueLabel: label,
    baselineLabel: 'openapi-fetch alone',
    goal: { on: 'value', atMost: budget.gzipped },
    detail: {
      minified: { value: size.minified, openapiFetch: openapiFetch.minified },
      budget,
      withinMinifiedBudget: withinMinified,
      bundler: BUNDLER,
    },
    note: `Minified: ${size.minified.toLocaleString('en-US')} B against ${openapiFetch.minified.toLocaleString('en-US')} B; the budget is ${budget.gzipped.toLocaleString('en-US')} B gzipped and ${budget.minified.toLocaleString('en-US')} B minified (${withinMinified ? 'within' : 'OVER'} the latter).`,
  });
}

export async function measureBundleSize(): Promise<{
  trigger_app_gzip_bytes: Figure;
  client_gzip_bytes: Figure;
}> {
  const budgets = readBudgets();
  const [app, client, openapiFetch] = await Promise.all([
    bundledSize(TRIGGER_ONLY_APP),
    bundledSize("export * from '@enos-trigger/client';"),
    bundledSize("export { default } from 'openapi-fetch';"),
  ]);
  return {
    trigger_app_gzip_bytes: sizeFigure('trigger-only app', app, budgets.triggerOnly, openapiFetch),
    client_gzip_bytes: sizeFigure(
      '@enos-trigger/client, whole entry',
      client,
      budgets,
      openapiFetch,
    ),
  };
}
