/**
 * A copy of the bundled contract with one operation added that no source file knows: a GET
 * with query parameters, a named success example and one catalog error (`x-enos-error`).
 * (@enos-trigger/mock's tests add the same operation to prove the mock serves it.)
 */
import { readFileSync } from 'node:fs';
import { contractFiles, type OpenApiDocument } from '@enos-trigger/spec';
import { parse, stringify } from 'yaml';

export const EXTRA_OPERATION_ID = 'getFlowWidget';
export const EXTRA_PATH = '/batch-processing-service/v2.1/flowWidgets';
export const EXTRA_SUMMARY = 'Get Flow Widget';

const queryParameter = (name: string, description: string, schema: object, example: string) => ({
  name,
  in: 'query',
  required: true,
  description,
  schema,
  example,
});

const extraPathItem = {
  get: {
    operationId: EXTRA_OPERATION_ID,
    summary: EXTRA_SUMMARY,
    tags: ['Workflow'],
    description: 'Read one widget of a workflow: an operation added by a test.',
    parameters: [
      queryParameter(
        'action',
        'The action to perform. Fixed value `get`.',
        { type: 'string', enum: ['get'] },
        'get',
      ),
      queryParameter(
        'orgId',
        'The organization ID.',
        { type: 'string', minLength: 1 },
        'sandbox-org',
      ),
      queryParameter('widgetId', 'The widget ID.', { type: 'string', minLength: 1 }, 'widget-7'),
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

/** The bundled contract's YAML (`$ref`s inside it) with the extra operation's path added. */
export function extraOperationYaml(): string {
  const copy = parse(readFileSync(contractFiles.yaml, 'utf8')) as OpenApiDocument;
  (copy.paths as Record<string, unknown>)[EXTRA_PATH] = structuredClone(extraPathItem);
  return stringify(copy, { lineWidth: 0 });
}
