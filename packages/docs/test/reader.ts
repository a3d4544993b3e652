/** What a reader does on the Redoc page: use the sidebar, scroll, open menus and tabs. */
import type { Locator, Page } from 'playwright-core';

const WAIT_MS = 5_000;

/** The text a reader sees in `locator`: its rendered text, not the DOM's raw text content. */
export function shownText(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is the point here.
  return locator.innerText();
}

/** Wait until `locator` is visible; fail with what was looked for. */
export async function expectVisible(locator: Locator, what: string): Promise<void> {
  try {
    await locator.filter({ visible: true }).first().waitFor({ timeout: WAIT_MS });
  } catch {
    throw new Error(`A reader cannot see ${what} (at ${locator.page().url()}).`);
  }
}

/** A section's heading. (Its accessible name also holds the anchor link's label.) */
function heading(page: Page, text: string): Locator {
  return page.locator('h1, h2, h3').getByText(text, { exact: true });
}

/** The sidebar's menu (it nests a menu per tag). */
function sidebar(page: Page): Locator {
  return page.locator('[data-component-name="Menu/Menu"]').first();
}

/**
 * The section of an operation (or tag) in the page: the one whose heading is `summary`, found
 * without the sidebar or the address.
 */
export function sectionOf(page: Page, summary: string): Locator {
  return page.locator('[data-section-id]').filter({ has: heading(page, summary) });
}

/**
 * What browser find (Ctrl+F) finds: Chromium's `window.find`, which searches the rendered
 * page as its find bar does. The page is left where it was: no scroll, nothing selected.
 */
export function findInPage(page: Page, text: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    const { scrollX, scrollY } = window;
    const browserFind = (window as unknown as { find(...args: unknown[]): boolean }).find;
    // Case-sensitive, forwards, wrapping around: anywhere in the page.
    const found = browserFind.call(window, wanted, true, false, true);
    window.getSelection()?.removeAllRanges();
    window.scrollTo(scrollX, scrollY);
    return found;
  }, text);
}

/**
 * Open an operation from the sidebar, as a reader does. The build copy takes every operation
 * out of its tags, so each one is an entry of the sidebar itself, never inside a closed tag.
 */
export async function openOperation(page: Page, summary: string): Promise<void> {
  await sidebar(page).locator(`[data-text="${summary}"]`).click();
  await expectVisible(heading(page, summary), summary);
}

/** Open a tag's own section from the sidebar. */
export async function openTag(page: Page, tag: string): Promise<void> {
  await sidebar(page).locator(`[data-text="${tag}"]`).click();
  await expectVisible(heading(page, tag), `the ${tag} page`);
}

/**
 * Scroll from top to bottom a screen at a time: Redoc renders nested schemas only when they
 * come into view.
 */
export async function scrollThrough(page: Page): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let y = 0; y <= height; y += 600) {
    await page.evaluate((top) => window.scrollTo(0, top), y);
    await page.waitForTimeout(50);
  }
}

/**
 * A screenshot of a section, whole, with everything drawn: Redoc draws only what is near the
 * viewport, so the viewport is made as tall as the section first (twice: it grows as it draws).
 */
export async function screenshotSection(section: Locator, path: string): Promise<void> {
  const page = section.page();
  const viewport = page.viewportSize() ?? { width: 1400, height: 900 };
  const sectionHeight = async () =>
    Math.ceil((await section.boundingBox())?.height ?? viewport.height);
  await page.setViewportSize({ width: viewport.width, height: await sectionHeight() });
  await page.waitForTimeout(200);
  await page.setViewportSize({ width: viewport.width, height: await sectionHeight() });
  await page.waitForTimeout(200);
  await section.screenshot({ path });
  await page.setViewportSize(viewport);
}

/**
 * The rendered row of a parameter or schema field. Redoc gives each row an id ending in
 * `path=<name>` (parameters and body fields) or `/<name>` (response fields), lower-cased.
 */
export function fieldRow(page: Page, name: string): Locator {
  const id = name.toLowerCase();
  return page.locator(`[id$="path=${id}"], [id$="/${id}"]`);
}

/** The section the sidebar last opened: Redoc gives it the id in the URL's hash route. */
export function currentSection(page: Page): Locator {
  const id = decodeURIComponent(new URL(page.url()).hash.replace(/^#\//, ''));
  return page.locator(`[id="${id}"]`);
}

/** The language button of a code sample panel, showing one of `labels`. */
function languageButtons(page: Page, labels: string[]): Locator {
  return page
    .locator('[data-component-name="Dropdown/Dropdown"] > button')
    .filter({ hasText: new RegExp(`^(${labels.join('|')})$`) });
}

/** The title of a code sample panel with one sample: no menu, the label in its header. */
function soleSampleTitle(page: Page, labels: string[]): Locator {
  return page
    .locator('[data-component-name="Panel/PanelHeader"] > span')
    .filter({ hasText: new RegExp(`^(${labels.join('|')})$`) });
}

/**
 * The code sample panel of a section: the panel with a language button showing one of
 * `labels`, or, for an operation with one sample and no body (so no Payload tab either), the
 * panel titled with its label.
 */
export function samplePanel(section: Locator, labels: string[]): Locator {
  const page = section.page();
  return section
    .locator('[data-component-name="Panel/Panel"]')
    .filter({ has: languageButtons(page, labels).or(soleSampleTitle(page, labels)) });
}

/**
 * The element of a code block that scrolls when its code is taller (or wider) than Redoc lets
 * it be.
 */
export function codeScroller(codeBlock: Locator): Locator {
  return codeBlock.locator('[data-component-name="CodeBlock/CodeBlockContainer"]');
}

/** What an element scrolls inside itself: its hidden height and width, in px. */
export function hiddenInside(element: Locator): Promise<{ height: number; width: number }> {
  return element.evaluate((block) => ({
    height: block.scrollHeight - block.clientHeight,
    width: block.scrollWidth - block.clientWidth,
  }));
}

/**
 * Choose a language in the code sample panel of a section (the current one by default), as a
 * reader does: open the menu under the panel's language button, pick the label. A panel with
 * one sample and no body has no menu: nothing to choose. Returns the code block shown.
 * @param labels every sample label the menu offers (besides Redoc's own Payload, for a body)
 */
export async function chooseSample(
  page: Page,
  labels: string[],
  label: string,
  section: Locator = currentSection(page),
): Promise<Locator> {
  const panel = samplePanel(section, labels);
  const codeBlock = panel.locator('[data-component-name="CodeBlock/CodeBlock"]');
  await panel.first().scrollIntoViewIfNeeded();
  await expectVisible(panel, `the samples with ${label}`);
  const languageButton = panel.locator(languageButtons(page, labels));
  if ((await languageButton.count()) === 0) {
    await expectVisible(panel.locator(soleSampleTitle(page, [label])), `the ${label} sample`);
    return codeBlock;
  }
  await languageButton.scrollIntoViewIfNeeded();
  await languageButton.click();
  await page.getByRole('menuitem', { name: label, exact: true }).click();
  await expectVisible(languageButton.filter({ hasText: label }), `${label} chosen`);
  return codeBlock;
}
