/**
 * For the tests of the packages built on this contract: a copy of a contract with one operation
 * added that no source file knows, a GET with query parameters, a named success example and one
 * catalog error. Each package proves with it that the contract drives its operations (the mock
 * serves it, the docs render it, the raw client types it, conformance runs it). One definition,
 * so that every package proves the same thing.
 */
import type { OpenApiDocument, OperationObject } from './index.js';

const PATH = '/batch-processing-service/v2.1/flowWidgets';

/** The success and the catalog error the added operation documents, by example name. */
const SUCCESS = { code: 0, msg: 'OK', data: { widgetId: 42, name: 'Daily load' } };
const NOT_FOUND = { code: 62199, msg: 'Widget not found.', data: null };

/** What the tests need to call the added operation and recognise its answers. */
export const EXTRA_OPERATION = {
  operationId: 'getFlowWidget',
  method: 'get',
  path: PATH,
  summary: 'Get Flow Widget',
  /** The query of its examples: `action` is fixed, `widgetId` an integer from 1. */
  query: { action: 'get', widgetId: 42 },
  success: { name: 'widget', value: SUCCESS },
  error: { name: 'widgetNotFound', value: NOT_FOUND },
} as const;

/**
 * A deep copy of `document` with the extra operation at its path. The operation answers with the
 * document's own business error schema and gateway answers (copied in, so the result needs no
 * `$ref` of its own: it works for the bundled YAML and the dereferenced JSON alike), and takes
 * the document's default security.
 */
export function withExtraOperation<T extends OpenApiDocument>(document: T): T {
  const copy = structuredClone(document);
  const { schemas, responses } = copy.components;
  const shared = (kind: string, name: string, found: unknown) => {
    if (!found)
      throw new Error(`The contract has no ${kind} ${name} to build the extra operation.`);
    return structuredClone(found);
  };
  copy.paths[PATH] = {
    get: {
      operationId: EXTRA_OPERATION.operationId,
      summary: EXTRA_OPERATION.summary,
      tags: ['Workflow'],
      description: 'Read one widget of a workflow: an operation added by a test.',
      parameters: [
        {
          name: 'action',
          in: 'query',
          required: true,
          description: 'The action to perform. Fixed value `get`.',
          schema: { type: 'string', enum: ['get'] },
          example: EXTRA_OPERATION.query.action,
        },
        {
          name: 'widgetId',
          in: 'query',
          required: true,
          description: 'The widget to read.',
          schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 2147483647 },
          example: EXTRA_OPERATION.query.widgetId,
        },
      ],
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
                          widgetId: { type: 'integer', minimum: 1, description: 'The widget.' },
                          name: { type: 'string', minLength: 1, description: 'Its name.' },
                        },
                      },
                    },
                  },
                  shared('schema', 'BusinessError', schemas.BusinessError),
                ],
              },
              examples: {
                [EXTRA_OPERATION.success.name]: {
                  summary: 'Success',
                  description: 'The widget 42.',
                  value: SUCCESS,
                },
                [EXTRA_OPERATION.error.name]: {
                  summary: `${NOT_FOUND.code} · unknown widget`,
                  description: 'No widget has this ID.',
                  'x-enos-error': {
                    evidence: {
                      code: 'documented',
                      message: 'unknown',
                      status: 'inferred',
                      when: 'documented',
                    },
                    basis: 'Made up by a test of the toolkit.',
                    advice: 'Check that `widgetId` names an existing widget.',
                  },
                  value: NOT_FOUND,
                },
              },
            },
          },
        },
        '400': shared('response', 'GatewayBadRequest', responses.GatewayBadRequest),
        '401': shared('response', 'GatewayUnauthorized', responses.GatewayUnauthorized),
      },
    },
  } as unknown as Record<string, OperationObject>;
  return copy;
}
