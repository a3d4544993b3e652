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
import { contractFiles, type OpenApiDocument } from '@enos-trigger/spec';
import { EXTRA_OPERATION, withExtraOperation } from '@enos-trigger/spec/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Conformed, conform } from './support/conform.js';
import {
  type Answer,
  APP_SECRET,
  fullArgs,
  startReferenceServer,
} from './support/reference-server.js';

const { path: PATH, summary: SUMMARY } = EXTRA_OPERATION;
const NOT_FOUND = EXTRA_OPERATION.error.value;

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
  const bundled = JSON.parse(readFileSync(contractFiles.json, 'utf8')) as OpenApiDocument;
  await writeFile(contract, JSON.stringify(withExtraOperation(bundled)), 'utf8');
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
      [`${SUMMARY} · ${NOT_FOUND.code} · unknown widget`, 'skip'],
      [`${SUMMARY} · 400 Cannot process request body`, 'skip'],
      [`${SUMMARY} · 401 Invalid authentication credentials: no APIM headers`, 'pass'],
    ]);
    expect(run.row(`${SUMMARY} · ${NOT_FOUND.code}`).text).toMatch(/no means to provoke/);
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
