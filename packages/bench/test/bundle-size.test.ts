/**
 * The bundle-size figures measure what the client's size test budgets: the same trigger-only
 * application, against the budgets of the client's size-budget.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureBundleSize, TRIGGER_ONLY_APP } from '../src/figures/bundle-size.js';

const clientDir = dirname(
  createRequire(import.meta.url).resolve('@enos-trigger/client/package.json'),
);
const budgets = JSON.parse(readFileSync(join(clientDir, 'size-budget.json'), 'utf8'));

describe('the bundle-size figures', () => {
  it('bundle the trigger-only application of the client size test', () => {
    const sizeTest = readFileSync(join(clientDir, 'test', 'size.test.ts'), 'utf8');
    const app = /const TRIGGER_ONLY_APP = `([\s\S]*?)`;/.exec(sizeTest)?.[1];
    expect(app, 'TRIGGER_ONLY_APP in packages/client/test/size.test.ts').toBeDefined();
    // The size test imports the built entry by its file; an application by the package's name.
    expect(TRIGGER_ONLY_APP).toBe(app?.replace("'./dist/index.js'", "'@enos-trigger/client'"));
  });

  it('hold each bundle to its own budget from size-budget.json', async () => {
    const figures = await measureBundleSize();
    expect(figures.trigger_app_gzip_bytes.goal).toBe(`value ≤ ${budgets.triggerOnly.gzipped}`);
    expect(figures.client_gzip_bytes.goal).toBe(`value ≤ ${budgets.gzipped}`);
    expect(figures.trigger_app_gzip_bytes.detail.budget).toEqual(budgets.triggerOnly);
    // Tree-shaking works: an app that only triggers ships less than the whole entry.
    expect(figures.trigger_app_gzip_bytes.value).toBeLessThan(figures.client_gzip_bytes.value);
    // Same openapi-fetch baseline for both.
    expect(figures.trigger_app_gzip_bytes.baseline).toBe(figures.client_gzip_bytes.baseline);
  });
});
