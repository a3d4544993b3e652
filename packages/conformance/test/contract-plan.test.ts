/**
 * The Dredd plan is derived from the contract: its names are the ones real Dredd gives, every
 * documented answer has a row, and the schemas it hands Gavel really check types and values.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { contractFiles, errorCatalog, type OperationId } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { toDraft07 } from '../src/contract/json-schema.js';
import { contractView, roleOf } from '../src/contract/view.js';
import { type PlannedTransaction, planTransactions } from '../src/plan/transactions.js';

const require = createRequire(import.meta.url);
const gavel = require('gavel') as {
  validate(
    expected: object,
    real: object,
  ): { valid: boolean; fields: Record<string, { valid: boolean }> };
};
const view = contractView();
const input = {
  flowId: 3377,
  noTaskFlowId: 4040,
  foreignFlowId: 4030,
  stateless: false,
  oversizeBytes: 2048,
};
const plan = planTransactions(view, input);
const byName = (suffix: string, operation = 'triggerFlow') =>
  plan.find((e) => e.operation === operation && e.name.endsWith(suffix)) as PlannedTransaction;

function bodyValid(entry: PlannedTransaction, body: unknown): boolean {
  const expected = {
    bodySchema: entry.bodySchema,
    headers: { 'content-type': 'application/json' },
  };
  const real = { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return gavel.validate(expected, real).fields.body?.valid as boolean;
}

describe('transaction names', () => {
  it("are exactly the names real Dredd gives the bundled contract's transactions", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--no-warnings',
      require.resolve('dredd/bin/dredd'),
      contractFiles.yaml,
      'http://127.0.0.1:9',
      '--names',
      '--loglevel=error',
      '--color=false',
    ]);
    const names = stdout
      .split('\n')
      .filter((line) => line.startsWith('info: '))
      .map((line) => line.slice('info: '.length));
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(plan.map((e) => e.base))).toEqual(new Set(names));
  });
});

describe('every documented answer has a row', () => {
  it.each(view.operations.map((op) => op.id))('%s: each catalog entry and each status', (id) => {
    const op = view.op(id);
    for (const entry of errorCatalog(id as OperationId)) {
      expect(plan.some((e) => e.operation === id && e.name.endsWith(` > ${entry.name}`))).toBe(
        true,
      );
    }
    for (const status of op.statuses) {
      expect(plan.some((e) => e.operation === id && e.expectStatus === status)).toBe(true);
    }
  });

  it('gives every skipped row a reason', () => {
    for (const entry of plan.filter((e) => e.skip !== undefined)) expect(entry.skip).not.toBe('');
  });

  it('provokes 401 without credentials, 413 oversize, 62102 invalid body, 62104 and 62103 with their flows', () => {
    const provoked = plan.filter((e) => e.skip === undefined).map((e) => e.provocation);
    expect(provoked).toEqual(
      expect.arrayContaining([
        'no-credentials',
        'oversize',
        'trigger-invalid-body',
        'trigger-no-task',
        'trigger-foreign',
      ]),
    );
  });

  it('skips 62104 and 62103, saying which flag is missing, when their flows are not given', () => {
    const bare = planTransactions(view, {
      ...input,
      noTaskFlowId: undefined,
      foreignFlowId: undefined,
    });
    expect(bare.find((e) => e.name.endsWith('> noTask'))?.skip).toContain('--no-task-flow-id');
    expect(bare.find((e) => e.name.endsWith('> noPrivilege'))?.skip).toContain('--foreign-flow-id');
  });

  it('provokes 62105 and 62106 with --locked-user-id and --locked-flow-id, and skips them naming the flag without', () => {
    const locked = planTransactions(view, {
      ...input,
      lockedUserId: 'locked-user',
      lockedFlowId: 4230,
    });
    const userLocked = locked.find((e) => e.name.endsWith('> userLocked'));
    const workflowLocked = locked.find((e) => e.name.endsWith('> workflowLocked'));
    expect(userLocked).toMatchObject({ provocation: 'trigger-user-locked', flows: [3377] });
    expect(userLocked?.title).toContain('locked-user (--locked-user-id)');
    expect(workflowLocked).toMatchObject({ provocation: 'trigger-workflow-locked', flows: [4230] });
    expect(plan.find((e) => e.name.endsWith('> userLocked'))?.skip).toContain('--locked-user-id');
    expect(plan.find((e) => e.name.endsWith('> workflowLocked'))?.skip).toContain(
      '--locked-flow-id',
    );
  });

  it('sends only what a stateless mock can answer under --stateless: successes and 401s', () => {
    const sent = planTransactions(view, { ...input, stateless: true })
      .filter((e) => e.skip === undefined)
      .map((e) => e.provocation);
    const others = view.operations.filter((op) => roleOf(op.id) === undefined);
    const signed = view.operations.filter((op) => op.signed);
    expect(sent.sort()).toEqual(
      [
        'token-success',
        'trigger-success',
        ...others.map(() => 'operation-success'),
        ...signed.map(() => 'no-credentials'),
      ].sort(),
    );
  });
});

describe('evidence comes from the contract', () => {
  it("takes a business error's evidence from its x-enos-error, part by part", () => {
    for (const id of ['triggerFlow', 'getAccessToken'] as const) {
      for (const entry of errorCatalog(id)) {
        const row = byName(` > ${entry.name}`, id);
        expect(row.evidence).toBe(entry.evidence);
        expect(row.facets.body).toBe(entry.evidence);
        expect(row.facets.statusCode).toBe(entry.parts.status);
        expect(row.error?.parts).toEqual(entry.parts);
      }
    }
  });

  it('treats the HTTP 200 of business errors and the shape of gateway bodies as inferred, as their schemas are marked', () => {
    expect(byName('> noTask').facets.statusCode).toBe('inferred');
    expect(byName('Trigger Flow > 401 > application/json').facets).toEqual({
      statusCode: 'documented',
      headers: 'documented',
      body: 'inferred',
    });
  });
});

describe('the schemas handed to Gavel', () => {
  const success = byName('Trigger Flow > 200 > application/json');
  const noTask = byName('> noTask');
  const example = view.trigger.catalog.find((e) => e.name === 'noTask')?.value as Record<
    string,
    unknown
  >;

  it('are draft-07 without OpenAPI-only keywords', () => {
    const text = JSON.stringify(success.bodySchema);
    expect(success.bodySchema.$schema).toContain('draft-07');
    expect(text).not.toMatch(/"nullable"|"example"|"x-enos|"format":"int/);
  });

  it('accept the contract example and reject wrong types, patterns and missing fields', () => {
    expect(bodyValid(success, view.trigger.successValue)).toBe(true);
    expect(bodyValid(success, { ...view.trigger.successValue, code: '0' })).toBe(false);
    expect(
      bodyValid(success, { ...view.trigger.successValue, data: { flowInstanceId: 'x-1' } }),
    ).toBe(false);
    const { data: _data, ...noData } = view.trigger.successValue;
    expect(bodyValid(success, noData)).toBe(false);
  });

  it("hold a business error to the envelope and data null; its code and message are the run's own part checks", () => {
    expect(bodyValid(noTask, example)).toBe(true);
    expect(bodyValid(noTask, { ...example, requestId: 'r-1' })).toBe(true);
    expect(bodyValid(noTask, { ...example, data: {} })).toBe(false);
    expect(bodyValid(noTask, { ...example, msg: 42 })).toBe(false);
    // Gavel leaves the words and the code to the run, which checks each with its evidence.
    expect(bodyValid(noTask, { ...example, msg: 'Workflow has no task.' })).toBe(true);
    const entry = errorCatalog('triggerFlow').find((e) => e.name === 'noTask');
    expect(noTask.error).toEqual({
      name: 'noTask',
      summary: entry?.summary,
      codeField: 'code',
      code: entry?.code,
      message: entry?.message,
      parts: entry?.parts,
    });
  });

  it('turn int32 into its range', () => {
    const converted = toDraft07({ type: 'integer', format: 'int32', minimum: 1 });
    expect(converted).toMatchObject({ minimum: 1, maximum: 2 ** 31 - 1 });
    expect(converted.format).toBeUndefined();
  });
});
