/**
 * The built page in headless Chromium: nothing leaves it, and a reader finds everything the
 * issue lists, for every operation of the contract. Every expectation is read from the
 * contract, the sample files or the samples the build generates from the contract.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CatalogEntry,
  documentOperations,
  errorCatalog,
  gatewayErrors,
  type JsonSchema,
  type OperationId,
} from '@enos-trigger/spec';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamplesFor, sampleFiles } from '../src/code-samples.js';
import { inlineLogo, remoteLogoUrls } from '../src/offline-page.js';
import { paths } from '../src/paths.js';
import { type OfflineBrowser, openOffline, openServed, READER_WINDOW } from './browser.js';
import {
  contract,
  fieldTexts,
  listItems,
  operationFacts,
  parameterFacts,
  plainText,
  schemaFields,
  tagDescription,
  toolingNotes,
} from './contract-facts.js';
import {
  chooseSample,
  codeScroller,
  expectVisible,
  fieldRow,
  findInPage,
  hiddenInside,
  openOperation,
  openTag,
  samplePanel,
  screenshotSection,
  scrollThrough,
  sectionOf,
  shownText,
} from './reader.js';

const SCREENSHOTS = join(paths.packageRoot, 'test-results');
/** Every operation of the contract. */
const OPERATIONS = documentOperations(contract).map(({ operationId }) => operationId);
/** The operations with hand-written samples; the others' is generated from the contract. */
const SAMPLED = Object.keys(sampleFiles) as OperationId[];
/** Each operation's samples, as the build puts them in the page. */
const samples = codeSamplesFor(contract);

function samplesOf(operationId: OperationId) {
  const found = samples[operationId];
  if (!found?.length) throw new Error(`The build gives ${operationId} no code sample.`);
  return found;
}

function labelsOf(operationId: OperationId): string[] {
  return samplesOf(operationId).map((sample) => sample.label);
}

/** A sample's text with its whitespace squashed, as a code block's rendered text compares. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * What a catalog entry's row says of it, as a reader sees the row: what to do, and the evidence
 * of each part.
 */
function adviceAndEvidence({ advice, parts }: CatalogEntry): string[] {
  return [
    squash(plainText(advice)),
    `code ${parts.code}, message ${parts.message}, HTTP 200 ${parts.status}, when ${parts.when}`,
  ];
}

async function expectRowShows(page: Page, name: string, texts: string[]): Promise<void> {
  const row = fieldRow(page, name).first();
  await row.scrollIntoViewIfNeeded();
  await expectVisible(row, `the row of ${name}`);
  // Redoc draws a section's text only near the viewport (CSS content-visibility: auto), in the
  // frame after the scroll: wait for it as a reader's eye does.
  await expect.poll(() => shownText(row), { message: `the row of ${name} drawn` }).not.toBe('');
  const shown = await shownText(row);
  for (const text of texts) {
    expect(shown, `the row of ${name} shows ${text}`).toContain(text);
  }
}

describe('the built page at 1280×900, as a reader first sees it', () => {
  let browser: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await openOffline(paths.html, { viewport: READER_WINDOW });
    page = browser.page;
    await expectVisible(page.getByRole('heading', { name: contract.info.title }), 'the title');
  });
  afterAll(async () => browser?.close());

  it('shows each operation in the page at load, nothing clicked, not behind "+ Show"', async () => {
    for (const operationId of OPERATIONS) {
      const { summary, path } = operationFacts(operationId);
      const section = sectionOf(page, summary);
      // Redoc renders after load; a reader waits a moment too, without a click.
      await expect.poll(() => section.count(), { message: `${summary} in the page` }).toBe(1);
      expect(await section.getByText(path, { exact: true }).count()).toBeGreaterThan(0);
    }
    expect(await page.getByRole('button', { name: '+ Show', exact: true }).count()).toBe(0);
  });

  it('lists every error of each operation at load, where browser find reaches it', async () => {
    for (const operationId of OPERATIONS) {
      const section = sectionOf(page, operationFacts(operationId).summary);
      await expect.poll(() => section.count()).toBe(1);
      const rows = [
        ...errorCatalog(operationId).map(({ code, message }) => [String(code), message]),
        ...gatewayErrors(operationId).map(({ status, message }) => [String(status), message]),
      ] as [string, string][];
      for (const [code, message] of rows) {
        const row = section.locator('tr').filter({ hasText: code }).filter({ hasText: message });
        expect(await row.count(), `${operationId}: the row of ${code} "${message}"`).toBe(1);
        expect(await findInPage(page, message), `browser find: "${message}"`).toBe(true);
      }
      for (const { code } of errorCatalog(operationId)) {
        expect(await findInPage(page, String(code)), `browser find: ${code}`).toBe(true);
      }
    }
  });

  it("keeps the contract's notes for its maintainers out of the reader's way", async () => {
    const notes = toolingNotes().map(plainText);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) expect(await findInPage(page, note), note).toBe(false);
    // Nor does a reader meet them who opens each operation from the sidebar.
    for (const operationId of OPERATIONS) {
      const { summary } = operationFacts(operationId);
      await openOperation(page, summary);
      for (const note of notes) {
        expect(await findInPage(page, note), `${summary} shows "${note}"`).toBe(false);
      }
    }
  });

  it('shows every code sample whole (the first at load), with nothing to scroll inside it', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const operationId of OPERATIONS) {
      const { summary } = operationFacts(operationId);
      const labels = labelsOf(operationId);
      const section = sectionOf(page, summary);
      // The sample shown first, without a click.
      const [first] = samplesOf(operationId);
      const shownFirst = samplePanel(section, labels)
        .locator('[data-component-name="CodeBlock/CodeBlock"]')
        .first();
      await shownFirst.scrollIntoViewIfNeeded();
      expect(
        await hiddenInside(codeScroller(shownFirst).first()),
        `${summary}: the ${first?.label} sample`,
      ).toEqual({
        height: 0,
        width: 0,
      });
      // Every sample, once chosen: all of its code in the block, none of it hidden.
      for (const { label, source: text } of samplesOf(operationId)) {
        const code = await chooseSample(page, labels, label, section);
        const source = squash(text);
        await expect.poll(async () => squash(await shownText(code.first()))).toBe(source);
        expect(
          await hiddenInside(codeScroller(code).first()),
          `${summary}: the ${label} sample`,
        ).toEqual({
          height: 0,
          width: 0,
        });
      }
    }
  });

  it('asks the docs server for nothing but the page (no favicon.ico), and logs no error', async () => {
    const served = await openServed(paths.html);
    try {
      const { page: tab } = served;
      await expectVisible(tab.getByRole('heading', { name: contract.info.title }), 'the title');
      // A browser asks for /favicon.ico on its own, soon after load.
      await tab.waitForTimeout(1_000);
      expect(served.served).toEqual(['/']);
      expect(served.console.filter((line) => line.startsWith('error'))).toEqual([]);
    } finally {
      await served.close();
    }
  });
});

describe('the built page, read in Chromium', () => {
  let browser: OfflineBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await openOffline(paths.html);
    page = browser.page;
  });
  const scratch = mkdtempSync(join(tmpdir(), 'enos-docs-page-'));
  afterAll(async () => {
    await browser?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('loads with no request but its own file', async () => {
    await expectVisible(page.getByRole('heading', { name: contract.info.title }), 'the title');
    expect(browser.requests.length).toBeGreaterThan(0);
    expect(browser.leaks()).toEqual([]);
  });

  it('shows Trigger Flow with every parameter and field: type, constraints, example', async () => {
    const { summary, path, operation } = operationFacts('triggerFlow');
    await openOperation(page, summary);
    await expectVisible(page.getByText(path, { exact: true }), `the path ${path}`);

    for (const parameter of parameterFacts('triggerFlow')) {
      await expectRowShows(page, parameter.name, [parameter.name, ...parameter.texts]);
    }
    const body = operation.requestBody?.content['application/json']?.schema as JsonSchema;
    for (const [name, schema] of schemaFields(body)) {
      await expectRowShows(page, name, [name, ...fieldTexts(schema), String(schema.example)]);
    }
    const answer = operation.responses['200']?.content?.['application/json']?.schema as JsonSchema;
    const success = (answer.oneOf as JsonSchema[])[0] as JsonSchema;
    for (const [name, schema] of schemaFields(success)) {
      const texts = [...fieldTexts(schema)];
      if (schema.example !== undefined) texts.push(JSON.stringify(schema.example));
      // Nested fields render as they scroll into view; the row's id ends in the leaf name.
      await expectRowShows(page, name.split('.').at(-1) as string, texts);
    }
  });

  it("shows the seed's prerequisites and trigger time rules", async () => {
    const { summary, operation } = operationFacts('triggerFlow');
    await openOperation(page, summary);
    const rules = listItems(operation.description ?? '');
    expect(rules.length).toBeGreaterThanOrEqual(4);
    for (const rule of rules) await expectVisible(page.getByText(rule), `the rule "${rule}"`);
  });

  it('shows the flowInstanceId format with the worked example 3377-20191122012300', async () => {
    const { summary } = operationFacts('triggerFlow');
    await openOperation(page, summary);
    await scrollThrough(page);
    // The seed's request (flowId 3377, triggerTime 1574385824000) gives this instance ID.
    await expectRowShows(page, 'flowInstanceId', ['yyyyMMddHHmm', 'gives 3377-20191122012300']);
  });

  for (const operationId of OPERATIONS) {
    it(`lists every business error and gateway error of ${operationId}`, async () => {
      const { summary } = operationFacts(operationId);
      await openOperation(page, summary);
      const catalog = errorCatalog(operationId);
      expect(catalog.length).toBeGreaterThan(0);
      // Operations share catalog entries (62101, say): each row is read in its own section.
      const section = sectionOf(page, summary);
      for (const entry of catalog) {
        const row = section
          .locator('tr')
          .filter({ hasText: String(entry.code) })
          .filter({ hasText: entry.message });
        await expectVisible(row, `error ${entry.code} "${entry.message}"`);
        await row.first().scrollIntoViewIfNeeded();
        // Redoc draws a row's text only near the viewport, in the frame after the scroll.
        await expect.poll(() => shownText(row.first())).not.toBe('');
        const shown = squash(await shownText(row.first()));
        expect(shown).toContain(entry.evidence);
        for (const text of adviceAndEvidence(entry)) expect(shown, `${entry.code}`).toContain(text);
      }
      for (const error of gatewayErrors(operationId)) {
        const row = section
          .locator('tr')
          .filter({ hasText: String(error.status) })
          .filter({ hasText: error.message });
        await expectVisible(row, `gateway error ${error.status} "${error.message}"`);
        await row.first().scrollIntoViewIfNeeded();
        await expect.poll(() => shownText(row.first())).not.toBe('');
        for (const header of error.headers) expect(await shownText(row.first())).toContain(header);
      }
    });
  }

  it('explains authentication step by step, with the three headers', async () => {
    const { tag } = operationFacts('getAccessToken');
    await openTag(page, tag);
    const steps = listItems(tagDescription(tag));
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) await expectVisible(page.getByText(step), `the step "${step}"`);
    const headers = Object.values(contract.components.securitySchemes).map(
      (scheme) => scheme.name as string,
    );
    expect(headers).toHaveLength(3);
    for (const header of headers) {
      await expectVisible(page.getByText(`${header}: <`), `the header ${header}`);
    }
  });

  it('offers the TypeScript, curl and Java samples where there are files, a curl one elsewhere', () => {
    for (const operationId of OPERATIONS) {
      expect(labelsOf(operationId), operationId).toEqual(
        SAMPLED.includes(operationId) ? ['TypeScript', 'curl', 'Java'] : ['curl'],
      );
    }
  });

  for (const operationId of OPERATIONS) {
    it(`offers the samples of ${operationId}, as the build wrote them`, async () => {
      const { summary } = operationFacts(operationId);
      await openOperation(page, summary);
      const labels = labelsOf(operationId);
      for (const { label, source } of samplesOf(operationId)) {
        const code = await chooseSample(page, labels, label);
        await expectVisible(code, `the ${label} sample`);
        // The language button changes before the code block re-renders: wait as a reader does.
        await expect
          .poll(async () => squash(await shownText(code.first())), { timeout: 5_000 })
          .toBe(squash(source));
      }
    });
  }

  it('saves a screenshot of each hand-sampled operation for a human to look at', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const operationId of SAMPLED) {
      const { summary } = operationFacts(operationId);
      await openOperation(page, summary);
      await chooseSample(page, labelsOf(operationId), labelsOf(operationId)[0] as string);
      const file = join(SCREENSHOTS, `${operationId}.png`);
      // Its own section: the page holds every operation, so a full-page shot is the same
      // picture for each.
      await screenshotSection(sectionOf(page, summary), file);
      expect(readFileSync(file).length).toBeGreaterThan(10_000);
    }
  });

  it('made no request leave the page while a reader went through all of it', () => {
    expect(browser.leaks()).toEqual([]);
  });

  it('would have caught the Redocly logo request of a page built without the offline step', async () => {
    expect(browser.leaks()).toEqual([]);
    const online = join(scratch, 'online.html');
    writeFileSync(
      online,
      readFileSync(paths.html, 'utf8').replaceAll(inlineLogo, remoteLogoUrls[0]),
    );
    await browser.openTab(online);
    await expect.poll(() => browser.leaks(), { timeout: 5_000 }).toContain(remoteLogoUrls[0]);
  });
});
