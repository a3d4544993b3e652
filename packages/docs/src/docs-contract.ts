/**
 * The docs' build copy of the contract: the bundled contract, unchanged but for each
 * operation's `x-codeSamples`, a description extended with its error tables, no `tags` on
 * the operations (see `untagOperations`), and the guides as tags of their own (see
 * `addGuides`). Data flows one way: spec bundle → this copy (in dist/) → HTML. spec/ is never
 * written.
 */
import {
  documentOperations,
  envelopeCodeField,
  errorCatalog,
  findOperation,
  gatewayErrors,
  type OpenApiDocument,
  type OperationId,
} from '@enos-trigger/spec';
import { parse, stringify } from 'yaml';
import type { CodeSample } from './code-samples.js';
import { businessErrorTable, gatewayErrorTable } from './error-tables.js';
import { DocsBuildError } from './errors.js';
import type { GuideTag } from './guide.js';

/** The envelope field that carries a business code (`code`, or `status` for the token service). */
function codeField(operationId: OperationId, contract: OpenApiDocument): string {
  try {
    return envelopeCodeField(operationId, contract);
  } catch (cause) {
    throw new DocsBuildError(
      `${(cause as Error).message} The business error table of ${operationId} names that ` +
        'field. Fix the contract.',
      { cause },
    );
  }
}

/** Does the operation answer a JSON 200 envelope, whose examples hold its business errors? */
function hasEnvelope(operationId: OperationId, contract: OpenApiDocument): boolean {
  const { responses } = findOperation(operationId, contract).operation;
  return responses['200']?.content?.['application/json'] !== undefined;
}

/**
 * The Markdown appended to an operation's description: its business errors (for an operation
 * that answers a JSON 200 envelope) and its gateway errors (for one that documents any).
 */
export function errorSections(operationId: OperationId, contract: OpenApiDocument): string {
  const sections: string[] = [];
  if (hasEnvelope(operationId, contract)) {
    const field = codeField(operationId, contract);
    sections.push(
      '### Business errors',
      `The service answers these with HTTP 200 and the code in the envelope's \`${field}\`. ` +
        'Each is also a named example of the 200 response below. *Evidence* says, for its code, ' +
        'message, HTTP status and when, whether EnOS documents it, this contract infers it, or ' +
        'no public page gives it.',
      businessErrorTable(errorCatalog(operationId, contract)),
    );
  }
  const gateway = gatewayErrors(operationId, contract);
  if (gateway.length > 0) {
    sections.push(
      '### Gateway errors',
      'The API gateway answers these itself, with the HTTP status and a JSON body ' +
        '`{"message": "..."}` carrying the message shown.',
      gatewayErrorTable(gateway),
    );
  }
  return sections.join('\n\n');
}

/**
 * Take every operation out of its tags. Redoc 3 renders a tag as a collapsed group: its
 * operations appear only after a reader presses "+ Show" or picks one in the sidebar, so the
 * landing page (and browser find) cannot reach the operation, its error tables or samples.
 * No Redocly option expands a group; an operation without tags is rendered in the page
 * itself. The tags stay in `tags`, so each one's description (Authentication's steps) is
 * still a section of its own.
 */
function untagOperations(copy: OpenApiDocument): void {
  for (const { operation } of documentOperations(copy)) {
    delete (operation as { tags?: string[] }).tags;
  }
}

/**
 * Add each guide as a tag after the contract's own. A tag no operation names is rendered as a
 * section of the page, with its own entry in the sidebar, after the contract's tags and before
 * the operations; Redoc has no other place for a page of prose but `info.description`, which
 * belongs to the contract.
 */
function addGuides(copy: OpenApiDocument, guides: readonly GuideTag[]): void {
  const document = copy as { tags?: { name: string }[] };
  const tags = document.tags ?? [];
  for (const guide of guides) {
    if (tags.some((tag) => tag.name === guide.name)) {
      throw new DocsBuildError(
        `The contract has a tag "${guide.name}", which is the title of a guide of the docs. ` +
          'Rename one of them (the guide in src/guide.ts).',
      );
    }
  }
  document.tags = [...tags, ...guides];
}

/**
 * Build the docs copy from the bundled contract's YAML text. Every operation of the contract
 * gets its error tables; each one in `samples` gets those code samples; each guide becomes a
 * section.
 * @param contract the dereferenced contract of the same build, which the catalog is read from
 * @param samples code samples by operation id (see `codeSamplesFor`: every operation has some)
 * @param guides sections of prose after the contract's tags (see `guideTag`)
 */
export function buildDocsContract(
  bundledYaml: string,
  contract: OpenApiDocument,
  samples: Readonly<Record<string, CodeSample[]>>,
  guides: readonly GuideTag[],
): string {
  const copy = parse(bundledYaml) as OpenApiDocument;
  for (const { operationId, path, method } of documentOperations(contract)) {
    const operation = copy.paths[path]?.[method] as Record<string, unknown> | undefined;
    if (!operation) {
      throw new DocsBuildError(
        `The bundled contract has no ${method.toUpperCase()} ${path} (${operationId}), but ` +
          'its dereferenced form does. Rebuild @enos-trigger/spec.',
      );
    }
    const sections = errorSections(operationId, contract);
    if (sections !== '') {
      const description = String(operation.description ?? '').trimEnd();
      operation.description = `${description}\n\n${sections}\n`;
    }
    const codeSamples = samples[operationId];
    if (codeSamples) operation['x-codeSamples'] = codeSamples;
  }
  untagOperations(copy);
  addGuides(copy, guides);
  return stringify(copy, { lineWidth: 0 });
}
