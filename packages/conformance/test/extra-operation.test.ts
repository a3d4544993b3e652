/**
 * The proof that the contract drives the conformance suite: a copy of the bundled contract gets
 * one more operation (a GET with query parameters, a success example and one catalog error),
 * and with no change to the package's source the suite runs that operation's documented
 * transactions with their real schemas, its envelope and content type, and a negative lane of
 * invalid query parameters, against a small server that implements it; and fails that server,
 * naming the operation's schema check, when it breaks the schema.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contractFiles, type OpenApiDocument, type OperationObject } from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conformed, conform } from './support/conform.js';
import {
  type Answer,
  APP_SECRET,
  fullArgs,
  startReferenceServer,
} from './support/reference-server.js';

const PATH = '/batch-processing-service/v2.1/flowWidgets';
const SUMMARY = 'Get Flow Widget';
const NOT_FOUND = { code: 62201, msg: 'No such widget.', data: null };

/** The bundled contract, plus `GET flowWidgets?action=get&widgetId=N`. */
function contractWithWidgets(): OpenApiDocument {
  const document = JSON.parse(readFileSync(contractFiles.json, 'utf8')) as OpenApiDocument;
  const trigger = document.paths['/batch-processing-service/v2.1/flows']?.post as OperationObject;
  const answer = trigger.responses['200']?.content?.['application/json']?.schema ?? {};
  const errorBranch = (answer.oneOf as unknown[])[1];
  const operation = {
    operationId: 'getFlowWidget',
    summary: SUMMARY,
    description: 'Reads one widget of a workflow.',
    parameters: [
      {
        name: 'action',
        in: 'query',
        required: true,
        description: 'Fixed value `get`.',
        schema: { type: 'string', enum: ['get'] },
        example: 'get',
      },
      {
        name: 'widgetId',
        in: 'query',
        required: true,
        description: 'The widget to read.',
        schema: { type: 'integer', minimum: 1, maximum: 2147483647 },
        example: 42,
      },
    ],
    responses: {
      '200': {
        description: 'The widget, or a business error.',
        content: {
          'application/json': {
            schema: {
              oneOf: [
                {
                  type: 'object',
                  required: ['code', 'msg', 'data'],
                  properties: {
                    code: { type: 'integer', enum: [0] },
                    msg: { type: 'string' },
                    data: {
                      type: 'object',
                      required: ['widgetId', 'name'],
                      properties: {
                        widgetId: { type: 'integer', minimum: 1 },
                        name: { type: 'string', minLength: 1 },
                      },
                    },
                  },
                },
                errorBranch,
              ],
            },
            examples: {
              success: {
                summary: 'Success',
                value: { code: 0, msg: 'OK', data: { widgetId: 42, name: 'gauge' } },
              },
              widgetNotFound: {
                summary: '62201 · no such widget',
                description: 'The widget does not exist, or its ID is not one.',
                'x-enos-error': {
                  evidence: {
                    code: 'documented',
                    message: 'documented',
                    status: 'inferred',
                    when: 'documented',
                  },
                  basis: 'The test that adds this operation.',
                  advice: 'Give the ID of an existing widget.',
                },
                value: NOT_FOUND,
              },
            },
          },
        },
      },
      '401': trigger.responses['401'],
    },
  } as unknown as OperationObject;
  document.paths[PATH] = { get: operation };
  return document;
}

/** What the server answers the GET: the contract's success, or one that breaks its schema. */
function widgets(breakSchema: boolean) {
  return ({ method, url, authentic }: { method: string; url: URL; authentic: boolean }) => {
    if (method !== 'GET' || url.pathname !== PATH || url.searchParams.get('action') !== 'get') {
      return undefined;
    }
    if (!authentic) return { status: 401, body: { message: 'Invalid authentication credentials' } };
    const id = url.searchParams.get('widgetId') ?? '';
    if (!/^[1-9][0-9]{0,8}$/.test(id)) return { status: 200, body: NOT_FOUND };
    const data = breakSchema ? { widgetId: id, name: 7 } : { widgetId: Number(id), name: 'gauge' };
    return { status: 200, body: { code: 0, msg: 'OK', data } } satisfies Answer;
  };
}

let dir: string;
let contract: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'conformance-contract-'));
  contract = join(dir, 'openapi.json');
  await writeFile(contract, JSON.stringify(contractWithWidgets()), 'utf8');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function against(breakSchema: boolean): Promise<Conformed> {
  const server = await startReferenceServer(undefined, { extra: widgets(breakSchema) });
  try {
    return await conform([...fullArgs(server), '--negative-runs', '5', '--contract', contract], {
      ENOS_APP_SECRET: APP_SECRET,
    });
  } finally {
    await server.close();
  }
}

describe('an operation added to the contract, with no source change', () => {
  it('runs its documented transactions, schema checks and negative lane, and passes a server that keeps them', async () => {
    const run = await against(false);
    const widgetRows = run.rows.filter((r) => r.title.startsWith(SUMMARY));
    expect(widgetRows.map((r) => [r.title, r.status])).toEqual([
      [`${SUMMARY} · success: the request of the contract's examples`, 'pass'],
      [`${SUMMARY} · 62201 · no such widget`, 'skip'],
      [`${SUMMARY} · 401 Invalid authentication credentials: no APIM headers`, 'pass'],
    ]);
    expect(run.row(`${SUMMARY} · 62201`).text).toMatch(/no means to provoke/);
    const lane = run.row(`negative · ${SUMMARY} · invalid query parameters`);
    expect(lane).toMatchObject({ status: 'pass' });
    expect(lane.title).toContain('5 generated requests');
    expect(run.row('every answer:').status).toBe('pass');
    expect(run.rows.filter((r) => r.status === 'fail')).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('fails a server whose answer breaks the schema, naming the operation', async () => {
    const run = await against(true);
    expect(run.code).toBe(1);
    const failed = run.rows.filter((r) => r.status === 'fail');
    expect(failed.map((r) => r.title)).toEqual([
      `${SUMMARY} · success: the request of the contract's examples`,
    ]);
    expect(failed[0]?.text).toMatch(/data\.(widgetId|name)/);
  });

  it('lists its requests in a dry run', async () => {
    const run = await conform(['--dry-run', '--contract', contract, '--negative-runs', '2']);
    expect(run.code).toBe(0);
    expect(run.output).toContain(`GET ${PATH}?action=get&widgetId=42`);
    expect(run.output).toContain(`negative · ${SUMMARY} · no widgetId`);
  });
});
