/**
 * A copy of the bundled contract with one operation added that no source file knows: a GET
 * with query parameters, a named success example and one catalog error (`x-enos-error`). The
 * proof that the mock follows the contract, not a list of operations.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContract, type OpenApiDocument } from '@enos-trigger/spec';

export const EXTRA_OPERATION_ID = 'getFlowWidget';
export const EXTRA_PATH = '/batch-processing-service/v2.1/flowWidgets';

const extraPathItem = {
  get: {
    operationId: EXTRA_OPERATION_ID,
    summary: 'Get Flow Widget',
    tags: ['Workflow'],
    description: 'Read one widget of a workflow: an operation added by a test.',
    parameters: [
      {
        name: 'action',
        in: 'query',
        required: true,
        description: 'The action to perform. Fixed value `get`.',
        schema: { type: 'string', enum: ['get'] },
        example: 'get',
      },
      {
        name: 'orgId',
        in: 'query',
        required: true,
        description: 'The organization ID.',
        schema: { type: 'string', minLength: 1 },
        example: 'sandbox-org',
      },
      {
        name: 'widgetId',
        in: 'query',
        required: true,
        description: 'The widget ID.',
        schema: { type: 'string', minLength: 1 },
        example: 'widget-7',
      },
    ],
    security: [{ apimAccessToken: [], apimSignature: [], apimTimestamp: [] }],
    responses: {
      '200': {
        description: 'The envelope: `code` 0 with the widget in `data`, or a business error.',
        content: {
          'application/json': {
            schema: {
              oneOf: [
                {
                  type: 'object',
                  required: ['code', 'msg', 'data'],
                  properties: {
                    code: { type: 'integer', enum: [0], description: '0 on success.' },
                    msg: { type: 'string', description: '`OK` on success.' },
                    data: {
                      type: 'object',
                      required: ['widgetId', 'name'],
                      properties: {
                        widgetId: { type: 'string', description: 'The widget ID.' },
                        name: { type: 'string', description: 'The widget name.' },
                      },
                    },
                  },
                },
                { $ref: '#/components/schemas/BusinessError' },
              ],
            },
            examples: {
              widget: {
                summary: 'Success',
                description: 'The widget widget-7.',
                value: { code: 0, msg: 'OK', data: { widgetId: 'widget-7', name: 'Daily load' } },
              },
              widgetNotFound: {
                summary: '62199 · unknown widget',
                description: 'No widget has this ID in the organization.',
                'x-enos-error': {
                  evidence: {
                    code: 'inferred',
                    message: 'unknown',
                    status: 'inferred',
                    when: 'inferred',
                  },
                  basis: 'Made up by a test of the toolkit.',
                  advice: 'Check that `widgetId` names a widget of `orgId`.',
                },
                value: { code: 62199, msg: 'Widget not found.', data: null },
              },
            },
          },
        },
      },
      '400': { $ref: '#/components/responses/GatewayBadRequest' },
      '401': { $ref: '#/components/responses/GatewayUnauthorized' },
    },
  },
};

/** Every internal `$ref` replaced by what it points to, as the spec's openapi.json is. */
export function dereferenced(document: unknown, root: unknown = document): unknown {
  if (Array.isArray(document)) return document.map((item) => dereferenced(item, root));
  if (typeof document !== 'object' || document === null) return document;
  const ref = (document as { $ref?: unknown }).$ref;
  if (typeof ref === 'string' && ref.startsWith('#/')) {
    const target = ref
      .slice(2)
      .split('/')
      .reduce<unknown>(
        (node, key) =>
          (node as Record<string, unknown>)[key.replaceAll('~1', '/').replaceAll('~0', '~')],
        root,
      );
    return dereferenced(target, root);
  }
  return Object.fromEntries(
    Object.entries(document).map(([key, value]) => [key, dereferenced(value, root)]),
  );
}

export interface ExtraContract {
  /** The copy, as a file for Prism. */
  file: string;
  /** The copy, for the spec's readers. */
  contract: OpenApiDocument;
  remove(): void;
}

/**
 * Writes the copy to a temporary directory: the contract as @enos-trigger/spec builds it
 * (dereferenced JSON, which Prism reads as well as the bundled YAML) plus the extra path.
 */
export function writeExtraContract(): ExtraContract {
  const contract = structuredClone(loadContract());
  contract.paths[EXTRA_PATH] = dereferenced(
    extraPathItem,
    contract,
  ) as OpenApiDocument['paths'][string];
  const dir = mkdtempSync(join(tmpdir(), 'enos-mock-extra-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(contract, null, 2));
  return { file, contract, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
