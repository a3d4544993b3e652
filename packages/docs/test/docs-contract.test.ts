import { readFileSync } from 'node:fs';
import {
  contractFiles,
  documentOperations,
  errorCatalog,
  findOperation,
  loadContract,
  type OpenApiDocument,
  type OperationId,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  type CodeSample,
  codeSamplesFor,
  readCodeSamples,
  sampleFiles,
} from '../src/code-samples.js';
import { curlSample } from '../src/curl-sample.js';
import { buildDocsContract, errorSections } from '../src/docs-contract.js';
import { businessErrorTable } from '../src/error-tables.js';
import { DocsBuildError } from '../src/errors.js';
import { GUIDE_TITLE, guideTag } from '../src/guide.js';
import { paths } from '../src/paths.js';
import { toolingNotes } from './contract-facts.js';

const bundledYaml = readFileSync(contractFiles.yaml, 'utf8');
const contract = loadContract();
const SAMPLED = Object.keys(sampleFiles) as (keyof typeof sampleFiles)[];
const OPERATIONS = documentOperations(contract).map(({ operationId }) => operationId);
const samples = codeSamplesFor(contract);
const guides = [guideTag(contract)];
const tagsOf = (document: OpenApiDocument) => (document as { tags?: { name: string }[] }).tags;

type Operation = { description?: string; tags?: string[]; 'x-codeSamples'?: CodeSample[] };

function operationIn(document: OpenApiDocument, operationId: OperationId): Operation {
  const { path, method } = findOperation(operationId, contract);
  return document.paths[path]?.[method] as unknown as Operation;
}

describe("the docs' build copy of the contract", () => {
  const copy = parse(buildDocsContract(bundledYaml, contract, samples, guides)) as OpenApiDocument;
  const bundle = parse(bundledYaml) as OpenApiDocument;

  it('covers every operation of the contract', () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(2);
    expect(OPERATIONS).toEqual(expect.arrayContaining(SAMPLED));
  });

  it("gives each operation its sample files as x-codeSamples, in the menu's order", () => {
    for (const operationId of SAMPLED) {
      const injected = operationIn(copy, operationId)['x-codeSamples'] ?? [];
      expect(injected.map((sample) => sample.label)).toEqual(
        sampleFiles[operationId].map((sample) => sample.label),
      );
      for (const [i, { file }] of sampleFiles[operationId].entries()) {
        expect(injected[i]?.source).toBe(readFileSync(`${paths.samples}${file}`, 'utf8'));
      }
    }
  });

  it("appends the catalog and gateway tables to each operation's own description", () => {
    for (const operationId of OPERATIONS) {
      const original = operationIn(bundle, operationId).description ?? '';
      const extended = operationIn(copy, operationId).description ?? '';
      expect(extended.startsWith(original.trimEnd())).toBe(true);
      expect(extended).toContain(businessErrorTable(errorCatalog(operationId)));
      expect(extended).toContain(errorSections(operationId, contract));
    }
  });

  it('takes every operation out of its tags, so Redoc shows it in the page, and keeps the tags', () => {
    for (const operationId of OPERATIONS) {
      expect(operationIn(bundle, operationId).tags?.length, operationId).toBeGreaterThan(0);
      expect(operationIn(copy, operationId).tags, operationId).toBeUndefined();
    }
    expect(tagsOf(copy)?.slice(0, tagsOf(bundle)?.length)).toEqual(tagsOf(bundle));
  });

  it("adds the guide as a tag of its own after the contract's, which Redoc shows as a section", () => {
    const bundleTags = tagsOf(bundle) ?? [];
    expect(tagsOf(copy)?.slice(bundleTags.length)).toEqual(guides);
    expect(guides.map((guide) => guide.name)).toEqual([GUIDE_TITLE]);
    for (const operationId of OPERATIONS) {
      expect(operationIn(copy, operationId).tags ?? []).not.toContain(GUIDE_TITLE);
    }
  });

  it("shows readers no note meant for the contract's maintainers", () => {
    const notes = toolingNotes();
    expect(notes.length).toBeGreaterThan(0);
    for (const operationId of OPERATIONS) {
      const description = operationIn(copy, operationId).description ?? '';
      for (const note of notes) expect(description).not.toContain(note);
    }
  });

  it('gives an operation without sample files a curl sample generated from the contract', () => {
    expect(samples.triggerFlow).toEqual(readCodeSamples('triggerFlow'));
    // The same operation under an id no sample file names.
    const renamed = structuredClone(contract);
    findOperation('triggerFlow', renamed).operation.operationId = 'triggerFlowAgain';
    const id = 'triggerFlowAgain' as OperationId;
    const generated = codeSamplesFor(renamed);
    expect(generated[id]).toEqual([curlSample(id, renamed)]);
    const copy = parse(
      buildDocsContract(bundledYaml, renamed, generated, guides),
    ) as OpenApiDocument;
    const { path, method } = findOperation('triggerFlow', contract);
    const operation = copy.paths[path]?.[method] as unknown as Operation;
    expect(operation['x-codeSamples']).toEqual([curlSample(id, renamed)]);
    expect(operation.description).toContain(errorSections(id, renamed));
  });

  it('names the envelope field each service puts its code in', () => {
    expect(errorSections('triggerFlow', contract)).toContain("envelope's `code`");
    expect(errorSections('getAccessToken', contract)).toContain("envelope's `status`");
  });

  it('changes nothing else in the bundle', () => {
    const copy = parse(
      buildDocsContract(bundledYaml, contract, samples, guides),
    ) as OpenApiDocument;
    for (const operationId of OPERATIONS) {
      const operation = operationIn(copy, operationId);
      delete operation['x-codeSamples'];
      operation.description = operationIn(bundle, operationId).description;
      operation.tags = operationIn(bundle, operationId).tags;
    }
    tagsOf(copy)?.splice(-guides.length);
    expect(copy).toEqual(bundle);
  });

  it('is what the build wrote to dist/, and the spec bundle it read has no samples', () => {
    expect(readFileSync(paths.docsContract, 'utf8')).toBe(
      buildDocsContract(bundledYaml, contract, samples, guides),
    );
    expect(bundledYaml).not.toContain('x-codeSamples');
  });
});

describe('a contract the build cannot read', () => {
  it("fails with a DocsBuildError when the envelope's code field is unclear", () => {
    const broken = structuredClone(contract);
    const media = findOperation('triggerFlow', broken).operation.responses['200']?.content?.[
      'application/json'
    ];
    // The success branch's `code: enum [0]` is what names the field: take the 0 away.
    const [success] = (media?.schema?.oneOf ?? []) as { properties: Record<string, object> }[];
    if (!success) throw new Error('the contract has no success branch');
    success.properties.code = { type: 'integer' };
    expect(() => errorSections('triggerFlow', broken)).toThrow(DocsBuildError);
    expect(() => errorSections('triggerFlow', broken)).toThrow(
      /no required field whose only value is 0.*Fix the contract/,
    );
  });

  it('leaves out the sections an operation has nothing for', () => {
    const bare = structuredClone(contract);
    const { operation } = findOperation('getAccessToken', bare);
    operation.responses = { '204': { description: 'Nothing.' } };
    expect(errorSections('getAccessToken', bare)).toBe('');
  });

  it("fails with a DocsBuildError when a guide's title is a tag of the contract", () => {
    const bundle = parse(bundledYaml) as OpenApiDocument;
    tagsOf(bundle)?.push({ name: GUIDE_TITLE });
    expect(() => buildDocsContract(JSON.stringify(bundle), contract, samples, guides)).toThrow(
      new RegExp(`a tag "${GUIDE_TITLE}", which is the title of a guide.*Rename one`),
    );
  });

  it('fails with a DocsBuildError when the bundle lacks an operation of the contract', () => {
    const { path } = findOperation('triggerFlow', contract);
    const bundle = parse(bundledYaml) as OpenApiDocument;
    delete bundle.paths[path];
    const yamlWithout = JSON.stringify(bundle);
    expect(() => buildDocsContract(yamlWithout, contract, samples, guides)).toThrow(
      /bundled contract has no POST .*Rebuild @enos-trigger\/spec/,
    );
  });
});
