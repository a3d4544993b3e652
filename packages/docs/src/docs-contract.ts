/**
 * The docs' build copy of the contract: the bundled contract, unchanged but for each
 * operation's `x-codeSamples`, a description extended with its error tables, and no `tags` on
 * the operations (see `untagOperations`). Data flows one way: spec bundle → this copy (in
 * dist/) → HTML. spec/ is never written.
 */
import {
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

/** The envelope field that carries a business code: `code`, or `status` for the token service. */
function envelopeCodeField(operationId: OperationId, contract: OpenApiDocument): string {
  const [first] = errorCatalog(operationId, contract);
  const examples =
    findOperation(operationId, contract).operation.responses['200']?.content?.['application/json']
      ?.examples ?? {};
  const value = (first && examples[first.name]?.value) as Record<string, unknown> | undefined;
  const field = ['code', 'status'].find((name) => value && name in value);
  if (!field) {
    throw new DocsBuildError(
      `The contract's ${operationId} error examples carry neither "code" nor "status". ` +
        'Fix the contract, or teach src/docs-contract.ts its envelope.',
    );
  }
  return field;
}

/** The Markdown appended to an operation's description: its business and gateway errors. */
export function errorSections(operationId: OperationId, contract: OpenApiDocument): string {
  const catalog = errorCatalog(operationId, contract);
  const field = envelopeCodeField(operationId, contract);
  return [
    '### Business errors',
    `The service answers these with HTTP 200 and the code in the envelope's \`${field}\`. ` +
      'Each is also a named example of the 200 response below. *Evidence* says whether EnOS ' +
      'documents the answer or this contract infers it.',
    businessErrorTable(catalog),
    '### Gateway errors',
    'The API gateway answers these itself, with the HTTP status and a JSON body ' +
      '`{"message": "..."}` carrying the message shown.',
    gatewayErrorTable(gatewayErrors(operationId, contract)),
  ].join('\n\n');
}

/** The HTTP methods of a path item: its other keys (parameters, summary...) are not operations. */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/**
 * Take every operation out of its tags. Redoc 3 renders a tag as a collapsed group: its
 * operations appear only after a reader presses "+ Show" or picks one in the sidebar, so the
 * landing page (and browser find) cannot reach the operation, its error tables or samples.
 * No Redocly option expands a group; an operation without tags is rendered in the page
 * itself. The tags stay in `tags`, so each one's description (Authentication's steps) is
 * still a section of its own.
 */
function untagOperations(copy: OpenApiDocument): void {
  for (const pathItem of Object.values(copy.paths)) {
    for (const [method, operation] of Object.entries(pathItem ?? {})) {
      if (METHODS.has(method)) delete (operation as { tags?: string[] }).tags;
    }
  }
}

/**
 * Build the docs copy from the bundled contract's YAML text.
 * @param contract the dereferenced contract of the same build, which the catalog is read from
 * @param samples each documented operation's code samples
 */
export function buildDocsContract(
  bundledYaml: string,
  contract: OpenApiDocument,
  samples: Partial<Record<OperationId, CodeSample[]>>,
): string {
  const copy = parse(bundledYaml) as OpenApiDocument;
  for (const [operationId, codeSamples] of Object.entries(samples) as [
    OperationId,
    CodeSample[],
  ][]) {
    const { path, method } = findOperation(operationId, contract);
    const operation = copy.paths[path]?.[method] as Record<string, unknown> | undefined;
    if (!operation) {
      throw new DocsBuildError(
        `The bundled contract has no ${method.toUpperCase()} ${path} (${operationId}), but ` +
          'its dereferenced form does. Rebuild @enos-trigger/spec.',
      );
    }
    const description = String(operation.description ?? '').trimEnd();
    operation.description = `${description}\n\n${errorSections(operationId, contract)}\n`;
    operation['x-codeSamples'] = codeSamples;
  }
  untagOperations(copy);
  return stringify(copy, { lineWidth: 0 });
}
