/**
 * The proof that the docs follow the contract, not a list of operations: a copy of the
 * contract with one operation added (a GET with query parameters, a success example and one
 * catalog error) is built into a page with no source change. The operation gets its business
 * and gateway error tables and a curl sample generated from the contract, and a reader finds
 * them in the page.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  contractFiles,
  errorCatalog,
  gatewayErrors,
  type OpenApiDocument,
  type OperationId,
} from '@enos-trigger/spec';
import { EXTRA_OPERATION, withExtraOperation } from '@enos-trigger/spec/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { type BuiltDocs, buildDocs } from '../src/build-docs.js';
import type { CodeSample } from '../src/code-samples.js';
import { businessErrorTable, gatewayErrorTable } from '../src/error-tables.js';
import { dereferencedContract } from '../src/redocly.js';
import { type OfflineBrowser, openOffline } from './browser.js';
import { findInPage, sectionOf } from './reader.js';

type Operation = { description?: string; tags?: string[]; 'x-codeSamples'?: CodeSample[] };

const id = EXTRA_OPERATION.operationId as OperationId;
const { path: EXTRA_PATH, summary: EXTRA_SUMMARY } = EXTRA_OPERATION;
const dir = mkdtempSync(join(tmpdir(), 'enos-docs-extra-'));
const contractFile = join(dir, 'openapi.yaml');
let built: BuiltDocs;
let contract: OpenApiDocument;
let operation: Operation;

beforeAll(() => {
  // The bundled YAML, `$ref`s and all, as the docs build reads the spec's own.
  const bundled = parse(readFileSync(contractFiles.yaml, 'utf8')) as OpenApiDocument;
  writeFileSync(contractFile, stringify(withExtraOperation(bundled), { lineWidth: 0 }));
  built = buildDocs({ contractFile, outDir: join(dir, 'out') });
  contract = dereferencedContract(contractFile);
  const copy = parse(readFileSync(built.docsContract, 'utf8')) as OpenApiDocument;
  operation = copy.paths[EXTRA_PATH]?.get as unknown as Operation;
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the docs of a contract with an extra operation', () => {
  it('read its catalog error and gateway errors from the copy', () => {
    expect(errorCatalog(id, contract).map((entry) => entry.code)).toEqual([
      EXTRA_OPERATION.error.value.code,
    ]);
    expect(gatewayErrors(id, contract).map((error) => error.status)).toEqual([400, 401]);
  });

  it('give the operation its business and gateway error tables', () => {
    expect(operation.description).toContain('an operation added by a test.');
    expect(operation.description).toContain("the code in the envelope's `code`");
    expect(operation.description).toContain(businessErrorTable(errorCatalog(id, contract)));
    expect(operation.description).toContain(gatewayErrorTable(gatewayErrors(id, contract)));
    expect(operation.tags).toBeUndefined();
  });

  it('give it a signed curl sample generated from the contract', () => {
    const [sample, ...more] = operation['x-codeSamples'] ?? [];
    expect(more).toEqual([]);
    expect(sample?.label).toBe('curl');
    const source = sample?.source ?? '';
    expect(source).toContain('curl --silent --show-error -X GET');
    expect(source).toContain(`URL="\${BASE_URL}${EXTRA_PATH}"\n`);
    expect(source).toContain(`"\${URL}?action=get&widgetId=\${WIDGET_ID}"`);
    expect(source).toContain(`WIDGET_ID='${EXTRA_OPERATION.query.widgetId}'`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not JavaScript.
    expect(source).toContain('SORTED_QUERY="actiongetwidgetId${WIDGET_ID}"');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not JavaScript.
    expect(source).toContain('-H "apim-signature: ${SIGNATURE}"');
    expect(source).not.toContain('BODY');
  });

  it('keep the hand-written samples of the operations that have them', () => {
    const copy = parse(readFileSync(built.docsContract, 'utf8')) as OpenApiDocument;
    const trigger = copy.paths['/batch-processing-service/v2.1/flows']
      ?.post as unknown as Operation;
    expect(trigger['x-codeSamples']?.map((sample) => sample.label)).toEqual([
      'TypeScript',
      'curl',
      'Java',
    ]);
  });
});

describe('the page built from that copy, in a browser', () => {
  let browser: OfflineBrowser;
  beforeAll(async () => {
    browser = await openOffline(built.html);
  });
  afterAll(() => browser?.close());

  it('shows the operation, its error rows and its sample, to browser find', async () => {
    const section = sectionOf(browser.page, EXTRA_SUMMARY);
    // Redoc renders after load; a reader waits a moment too, without a click.
    await expect.poll(() => section.count(), { message: `${EXTRA_SUMMARY} in the page` }).toBe(1);
    const rows = [
      ...errorCatalog(id, contract).map(({ code, message }) => [String(code), message]),
      ...gatewayErrors(id, contract).map(({ status, message }) => [String(status), message]),
    ] as [string, string][];
    for (const [code, message] of rows) {
      const row = section.locator('tr').filter({ hasText: code }).filter({ hasText: message });
      await expect.poll(() => row.count(), { message: `the row of ${code} "${message}"` }).toBe(1);
    }
    const [entry] = errorCatalog(id, contract);
    for (const text of [
      EXTRA_SUMMARY,
      String(entry?.code),
      entry?.message ?? '',
      entry?.when ?? '',
      'SORTED_QUERY="actiongetwidgetId',
    ]) {
      expect(await findInPage(browser.page, text), text).toBe(true);
    }
    expect(browser.leaks()).toEqual([]);
  });
});
