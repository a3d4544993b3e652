/**
 * The docs build: a contract's build copy, then the page.
 * bundled contract → <out>/openapi.docs.yaml (samples and error tables injected) → <out>/index.html.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { contractFiles, loadContract, type OpenApiDocument } from '@enos-trigger/spec';
import { codeSamplesFor } from './code-samples.js';
import { buildDocsContract } from './docs-contract.js';
import { guideTag } from './guide.js';
import { finishPage } from './offline-page.js';
import { paths } from './paths.js';
import { buildDocsHtml, dereferencedContract } from './redocly.js';

export interface BuildOptions {
  /** The bundled contract (YAML, `$ref`s inside it). Default: @enos-trigger/spec's. */
  contractFile?: string;
  /** Where the build copy and the page go. Default: this package's dist/. */
  outDir?: string;
}

export interface BuiltDocs {
  /** The build copy of the contract, which Redocly renders. */
  docsContract: string;
  /** The page. */
  html: string;
}

/**
 * Build the docs of a contract: every operation with its error tables and code samples, and the
 * Trigger and wait guide.
 */
export function buildDocs(options: BuildOptions = {}): BuiltDocs {
  const contractFile = options.contractFile ?? contractFiles.yaml;
  const out =
    options.outDir === undefined
      ? { docsContract: paths.docsContract, html: paths.html }
      : {
          docsContract: join(options.outDir, 'openapi.docs.yaml'),
          html: join(options.outDir, 'index.html'),
        };
  // The spec's own contract is already dereferenced (openapi.json); another one is here.
  const contract: OpenApiDocument =
    contractFile === contractFiles.yaml ? loadContract() : dereferencedContract(contractFile);
  const docsContract = buildDocsContract(
    readFileSync(contractFile, 'utf8'),
    contract,
    codeSamplesFor(contract),
    [guideTag(contract)],
  );
  for (const file of [out.docsContract, out.html]) {
    mkdirSync(dirname(file), { recursive: true });
  }
  writeFileSync(out.docsContract, docsContract);

  // A failed build must not leave an older page looking current.
  rmSync(out.html, { force: true });
  buildDocsHtml(out.docsContract, out.html);
  try {
    writeFileSync(out.html, finishPage(readFileSync(out.html, 'utf8')));
  } catch (error) {
    // Never leave a page behind that would phone home, or that a reader cannot read at once.
    rmSync(out.html, { force: true });
    throw error;
  }
  return out;
}
