/**
 * `npm run build`: the docs' build copy of the contract, then the page.
 * spec bundle → dist/openapi.docs.yaml (samples and error tables injected) → dist/index.html.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { contractFiles, loadContract, type OperationId } from '@enos-trigger/spec';
import { readCodeSamples, sampleFiles } from './code-samples.js';
import { buildDocsContract } from './docs-contract.js';
import { finishPage } from './offline-page.js';
import { paths } from './paths.js';
import { buildDocsHtml } from './redocly.js';

function buildDocs(): void {
  const operations = Object.keys(sampleFiles) as OperationId[];
  const samples = Object.fromEntries(operations.map((id) => [id, readCodeSamples(id)]));
  const docsContract = buildDocsContract(
    readFileSync(contractFiles.yaml, 'utf8'),
    loadContract(),
    samples,
  );
  mkdirSync(dirname(paths.docsContract), { recursive: true });
  writeFileSync(paths.docsContract, docsContract);

  // A failed build must not leave an older page looking current.
  rmSync(paths.html, { force: true });
  buildDocsHtml(paths.docsContract, paths.html);
  try {
    writeFileSync(paths.html, finishPage(readFileSync(paths.html, 'utf8')));
  } catch (error) {
    // Never leave a page behind that would phone home, or that a reader cannot read at once.
    rmSync(paths.html, { force: true });
    throw error;
  }
  const size = Math.round(readFileSync(paths.html).length / 1024);
  console.log(`Built ${relative(process.cwd(), paths.html)} (${size} KiB), offline.`);
}

try {
  buildDocs();
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
