/**
 * An operation added to the contract reaches the client with no source change: a copy of the
 * contract gains the spec's extra operation (`withExtraOperation`: a GET with the fixed query
 * `action=get` and a required `widgetId`, a success example and one catalog error), the
 * client's generator runs on the copy, and the copied sources compile a probe that calls it
 * through the raw client and reads its per-operation types and facts. The raw-types walk
 * (test/raw-types.test.ts, copied as it is) covers the new answer too.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContract } from '@enos-trigger/spec';
import { EXTRA_OPERATION, withExtraOperation } from '@enos-trigger/spec/testing';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../scripts/generate.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package, so that the probe resolves openapi-fetch and vitest like the sources do.
const cache = join(packageDir, 'node_modules/.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'extra-operation-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const { path: WIDGETS, error } = EXTRA_OPERATION;
const NOT_IN_CATALOG = error.value.code + 1;

const PROBE = `import type { Client } from 'openapi-fetch';
import type { getFlowWidgetErrorCodes, getFlowWidgetRoute } from './generated/contract.js';
import type { paths } from './generated/openapi.js';
import { createRawClient } from './raw.js';
import type { OperationErrorCode, OperationQuery, OperationSuccess } from './types.js';
import type { TriggerFlowClient } from './client.js';

declare const client: TriggerFlowClient;

export async function viaRawClient() {
  const raw = createRawClient(client);
  const { data } = await raw.GET('${WIDGETS}', {
    params: { query: { action: 'get', widgetId: 42 } },
  });
  // The success's data, or the business error's null: the raw client keeps both.
  const widget: { widgetId: number; name: string } | null | undefined = data?.data;
  const name: string | undefined = data?.data?.name;
  return { widget, name };
}

// A plain Client<paths> types the call too (its answers drop data: null, see null-properties-kept.ts).
export async function viaPlainClient(raw: Client<paths>) {
  const { data } = await raw.GET('${WIDGETS}', {
    params: { query: { action: 'get', widgetId: 42 } },
  });
  const msg: string | undefined = data?.msg;
  return msg;
}

export async function requiredQuery(raw: Client<paths>) {
  // @ts-expect-error widgetId is required.
  await raw.GET('${WIDGETS}', { params: { query: { action: 'get' } } });
  // @ts-expect-error action takes only 'get'.
  await raw.GET('${WIDGETS}', { params: { query: { action: 'put', widgetId: 42 } } });
}

export const code: OperationErrorCode<'getFlowWidget'> = ${error.value.code};
// @ts-expect-error ${NOT_IN_CATALOG} is not in its catalog.
export const unknownCode: OperationErrorCode<'getFlowWidget'> = ${NOT_IN_CATALOG};
export const query: OperationQuery<'getFlowWidget'> = { action: 'get', widgetId: 42 };
export const success: OperationSuccess<'getFlowWidget'>['data']['name'] = 'Gauge';
export type Facts = [typeof getFlowWidgetRoute, typeof getFlowWidgetErrorCodes];
`;

/** Type errors of the probe and of the raw-types walk, compiled with the copied sources. */
function compile(dir: string): string[] {
  const program = ts.createProgram(
    [join(dir, 'src/probe.ts'), join(dir, 'test/raw-types.test.ts')],
    {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: [],
      skipLibCheck: true,
    },
  );
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file?.fileName.slice(dir.length) ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

describe('an operation added to the contract (GET with query parameters)', () => {
  const dir = join(work, 'widgets');

  beforeAll(async () => {
    cpSync(join(packageDir, 'src'), join(dir, 'src'), {
      recursive: true,
      filter: (source) => !source.includes('generated'),
    });
    await generate(withExtraOperation(loadContract()), join(dir, 'src/generated'));
    writeFileSync(join(dir, 'src/probe.ts'), PROBE);
    // The walk, as it is, plus the new answer in its "not an empty walk" list.
    const walk = readFileSync(join(packageDir, 'test/raw-types.test.ts'), 'utf8');
    mkdirSync(join(dir, 'test'), { recursive: true });
    writeFileSync(
      join(dir, 'test/raw-types.test.ts'),
      `${walk}\nexpectTypeOf<'GET ${WIDGETS} 200'>().toExtend<AnswersWithData>();\n`,
    );
  }, 60_000);

  it('reaches the generated facts: route, fixed query, code field, signing, catalog', () => {
    const generated = readFileSync(join(dir, 'src/generated/contract.ts'), 'utf8');
    expect(generated).toContain(
      `export const getFlowWidgetRoute: Route = ["GET","${WIDGETS}",{"action":"get"},"code",1,[400,401]];`,
    );
    expect(generated).toContain(
      `export const getFlowWidgetErrorCodes: readonly number[] = [${error.value.code}];`,
    );
    expect(generated).toContain('export interface GetFlowWidgetErrorCatalog {');
    expect(generated).toContain(`"getFlowWidget": paths["${WIDGETS}"]["get"];`);
  });

  it('is typed by the raw client, and the raw-types walk covers it', { timeout: 60_000 }, () => {
    expect(compile(dir)).toEqual([]);
  });
});
