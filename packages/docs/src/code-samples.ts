/**
 * The code samples shown for each operation. Each is a real file under samples/, which the
 * tests type-check or run against the sandbox, and which the build reads as it is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentOperations, type OpenApiDocument, type OperationId } from '@enos-trigger/spec';
import { curlSample } from './curl-sample.js';
import { DocsBuildError } from './errors.js';
import { paths } from './paths.js';

/** One entry of an operation's `x-codeSamples`, as Redocly reads it. */
export interface CodeSample {
  /** The language, for syntax highlighting. */
  lang: string;
  /** The tab's title. */
  label: string;
  source: string;
}

export interface SampleFile {
  lang: string;
  label: string;
  /** The file's name under samples/. */
  file: string;
}

/**
 * The hand-written samples, in the order of their tabs. An operation of the contract that has
 * none here gets a curl sample generated from the contract (`src/curl-sample.ts`).
 */
export const sampleFiles = {
  triggerFlow: [
    { lang: 'TypeScript', label: 'TypeScript', file: 'trigger-flow.ts' },
    { lang: 'Shell', label: 'curl', file: 'trigger-flow.sh' },
    { lang: 'Java', label: 'Java', file: 'TriggerFlow.java' },
  ],
  getAccessToken: [
    { lang: 'TypeScript', label: 'TypeScript', file: 'get-access-token.ts' },
    { lang: 'Shell', label: 'curl', file: 'get-access-token.sh' },
    { lang: 'Java', label: 'Java', file: 'GetAccessToken.java' },
  ],
} satisfies Partial<Record<OperationId, SampleFile[]>>;

/** An operation that has hand-written sample files. */
export type SampledOperation = keyof typeof sampleFiles;

export function hasSampleFiles(operationId: string): operationId is SampledOperation {
  return Object.hasOwn(sampleFiles, operationId);
}

/**
 * A sample file's text, not empty. `what` names it in an error ("curl sample of triggerFlow"),
 * and `listedIn` is the source file whose entry names the file.
 */
export function readSample(path: string, what: string, listedIn: string): string {
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new DocsBuildError(
      `The ${what} cannot be read at ${path}. Restore the file, or change its entry in ${listedIn}.`,
      { cause },
    );
  }
  if (source.trim() === '') throw new DocsBuildError(`The ${what} at ${path} is empty.`);
  return source;
}

/** Read an operation's sample files into `x-codeSamples` entries. */
export function readCodeSamples(
  operationId: SampledOperation,
  samplesDir: string = paths.samples,
): CodeSample[] {
  return sampleFiles[operationId].map(({ lang, label, file }) => ({
    lang,
    label,
    source: readSample(
      join(samplesDir, file),
      `${label} sample of ${operationId}`,
      'src/code-samples.ts',
    ),
  }));
}

/**
 * The code samples of every operation of `contract`: its sample files, or for an operation
 * that has none, a curl sample generated from the contract.
 */
export function codeSamplesFor(
  contract: OpenApiDocument,
  samplesDir: string = paths.samples,
): Record<string, CodeSample[]> {
  return Object.fromEntries(
    documentOperations(contract).map(({ operationId }) => [
      operationId,
      hasSampleFiles(operationId)
        ? readCodeSamples(operationId, samplesDir)
        : [curlSample(operationId, contract, samplesDir)],
    ]),
  );
}
