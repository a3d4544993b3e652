/**
 * The "Trigger and wait" guide in the built page, in headless Chromium, as a reader first sees
 * it (1280×900, nothing clicked): a section of its own with its sidebar entry, the contract's
 * statuses as a table, and both samples whole, each as its file is.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowInstanceStatuses } from '@enos-trigger/spec';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUIDE_TITLE, guideSampleFiles } from '../src/guide.js';
import { paths } from '../src/paths.js';
import { type OfflineBrowser, openOffline, READER_WINDOW } from './browser.js';
import {
  expectVisible,
  findInPage,
  hiddenInside,
  openTag,
  sectionOf,
  shownText,
} from './reader.js';

const SCREENSHOT = join(paths.packageRoot, 'test-results', 'trigger-and-wait.png');

describe('the Trigger and wait guide, in the built page', () => {
  let browser: OfflineBrowser;
  let page: Page;
  let guide: Locator;

  beforeAll(async () => {
    browser = await openOffline(paths.html, { viewport: READER_WINDOW });
    page = browser.page;
    guide = sectionOf(page, GUIDE_TITLE);
  });
  afterAll(async () => browser?.close());

  it('is a section of the page at load, nothing clicked, with its own sidebar entry', async () => {
    await expect.poll(() => guide.count(), { message: `${GUIDE_TITLE} in the page` }).toBe(1);
    expect(await findInPage(page, GUIDE_TITLE)).toBe(true);
    await openTag(page, GUIDE_TITLE);
    await expectVisible(guide, 'the guide, opened from the sidebar');
  });

  it("shows every status of the contract as a row: code, name, and whether it's final", async () => {
    const statuses = flowInstanceStatuses();
    const rows = guide.locator('tr').filter({ has: page.locator('td') });
    await guide.locator('table').first().scrollIntoViewIfNeeded();
    await expect.poll(() => rows.count()).toBe(statuses.length);
    for (const [i, { code, name, terminal }] of statuses.entries()) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      expect(cells.map((cell) => cell.trim())).toEqual([
        String(code),
        name,
        terminal ? 'yes' : 'no',
      ]);
      expect(await findInPage(page, name), `browser find: ${name}`).toBe(true);
    }
  });

  it('shows both samples whole, each as its file is, with nothing to scroll inside', async () => {
    const blocks = guide.locator('pre');
    await expect.poll(() => blocks.count()).toBe(guideSampleFiles.length);
    for (const [i, { label, file }] of guideSampleFiles.entries()) {
      const block = blocks.nth(i);
      await block.scrollIntoViewIfNeeded();
      const source = readFileSync(join(paths.samples, file), 'utf8');
      await expect
        .poll(async () => (await shownText(block)).trimEnd(), { message: `the ${label} sample` })
        .toBe(source.trimEnd());
      expect(await hiddenInside(block), `the ${label} sample`).toEqual({ height: 0, width: 0 });
      await expectVisible(guide.getByText(label, { exact: true }), `the ${label} title`);
    }
  });

  it('made no request leave the page, and saves a screenshot of the guide', async () => {
    mkdirSync(join(paths.packageRoot, 'test-results'), { recursive: true });
    await guide.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).length).toBeGreaterThan(10_000);
    expect(browser.leaks()).toEqual([]);
  });
});
