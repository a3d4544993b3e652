/**
 * One registry of checks: every check module of src/checks is registered, each under its own
 * id, and each registered check finds a violation in an exchange that breaks its rule (a new
 * check without such an exchange here fails this test).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Check } from '../src/checks/check.js';
import { checkContext, evaluate } from '../src/checks/evaluate.js';
import {
  type Answer,
  type Exchange,
  type NegativeCategory,
  observed,
  type TransactionOutcome,
} from '../src/checks/exchange.js';
import { CHECKS } from '../src/checks/registry.js';
import { contractView } from '../src/contract/view.js';
import { type PlannedTransaction, planTransactions } from '../src/plan/transactions.js';

const CHECKS_DIR = fileURLToPath(new URL('../src/checks', import.meta.url));
const view = contractView();
const op = view.trigger;
const ctx = checkContext(view);
const plan = planTransactions(view, {
  flowId: 3377,
  noTaskFlowId: 4040,
  stateless: false,
  oversizeBytes: 10,
});
const planned = (suffix: string) =>
  plan.find((e) => e.operation === op.id && e.name.endsWith(suffix)) as PlannedTransaction;
const success = planned('> 200 > application/json');
const noTask = planned('> noTask');
const catalog = (name: string) =>
  op.catalog.find((e) => e.name === name)?.value as Record<string, unknown>;

const json = (status: number, body: unknown): Answer => ({
  status,
  contentType: 'application/json',
  text: JSON.stringify(body),
  json: body,
});
const answerOf = (status: number, text: string, contentType = 'application/json') =>
  observed(op.id, 'x', { status, contentType, text });
const negative = (category: NegativeCategory, answer: Answer): Exchange => ({
  lane: 'negative',
  operation: op.id,
  label: 'x',
  answer,
  category,
});
const valid = { valid: true, pointers: [] };
const transaction = (
  entry: PlannedTransaction,
  body: unknown,
  fields: TransactionOutcome['fields'] = { statusCode: valid, headers: valid, body: valid },
): Exchange => ({
  lane: 'transaction',
  entry,
  outcome: { name: entry.name, skipped: false, fields, answer: json(200, body) },
});
const trigger = (flowInstanceId: string): Exchange => ({
  lane: 'success-trigger',
  record: {
    flowId: 3377,
    triggerTime: 1574385824000,
    minute: 1574385780000,
    answer: { status: 200, json: {} },
    taken: [],
  },
  flowInstanceId,
});

/** For each registered check, an exchange that breaks its rule. */
const BROKEN: Record<string, Exchange> = {
  'answer:status-documented': answerOf(201, JSON.stringify(op.successValue)),
  'answer:media-type': answerOf(200, JSON.stringify(op.successValue), 'text/plain'),
  'answer:envelope': answerOf(200, JSON.stringify({ status: 0, msg: 'OK' })),
  'transaction:status': transaction(success, op.successValue, {
    statusCode: { valid: false, pointers: [] },
  }),
  'transaction:media-type': transaction(success, op.successValue, {
    headers: { valid: false, pointers: [] },
  }),
  'catalog:code': transaction(noTask, op.successValue),
  'catalog:message': transaction(noTask, { ...catalog('noTask'), msg: 'other words' }),
  'catalog:body': transaction(
    noTask,
    { ...catalog('noTask'), data: {} },
    { body: { valid: false, pointers: ['/data'] } },
  ),
  'transaction:success-not-refused': transaction(success, catalog('noTask')),
  'transaction:body-schema': transaction(
    success,
    { ...op.successValue, data: { flowInstanceId: 'x-1' } },
    { body: { valid: false, pointers: ['/data/flowInstanceId'] } },
  ),
  'negative:no-server-error': negative('junk-json', json(500, { message: 'boom' })),
  'negative:signature-refused': negative('bad-signatures', json(400, { message: 'x' })),
  'negative:not-accepted': negative('wrong-types', json(200, op.successValue)),
  'negative:catalog-error': negative('wrong-types', json(200, catalog('internalError'))),
  'negative:documented-status': negative('wrong-types', json(422, { message: 'x' })),
  'semantic:instance-id-flow': trigger('3378-20191122012300'),
  'semantic:instance-id-minute': trigger('3377-20191122012344'),
};

function isCheck(value: unknown): value is Check {
  const v = value as Partial<Check> | undefined;
  return typeof v?.id === 'string' && typeof v.applies === 'function' && !!v.verify;
}

describe('the registry of checks', () => {
  it('lists every check module of src/checks, each id once', async () => {
    const found: Check[] = [];
    for (const file of readdirSync(CHECKS_DIR).filter((f) => f.endsWith('.ts'))) {
      const module = (await import(pathToFileURL(join(CHECKS_DIR, file)).href)) as object;
      found.push(...Object.values(module).filter(isCheck));
    }
    expect(found.length).toBeGreaterThan(0);
    expect(new Set(found)).toEqual(new Set(CHECKS));
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });

  it.each(CHECKS.map((check) => [check.id, check] as const))(
    '%s finds the violation of an exchange that breaks it, through the registry',
    (id, check) => {
      const broken = BROKEN[id];
      expect(broken, `no broken exchange for ${id}`).toBeDefined();
      const exchange = broken as Exchange;
      expect(check.applies(exchange, ctx)).toBe(true);
      expect(check.verify(exchange, ctx).violations).not.toEqual([]);
      const all = evaluate(exchange, check.scope, ctx).violations.map((v) => v.message);
      const own = check.verify(exchange, ctx).violations.map((v) => v.message);
      expect(all).toEqual(expect.arrayContaining(own));
    },
  );

  it('finds nothing in the answers the contract documents', () => {
    expect(evaluate(answerOf(200, JSON.stringify(op.successValue)), 'every-answer', ctx)).toEqual({
      violations: [],
    });
    expect(evaluate(transaction(success, op.successValue), 'transaction', ctx)).toEqual({
      violations: [],
    });
    expect(evaluate(transaction(noTask, catalog('noTask')), 'transaction', ctx)).toEqual({
      violations: [],
    });
    expect(evaluate(trigger('3377-20191122012300'), 'instance-id', ctx)).toEqual({
      violations: [],
    });
    expect(
      evaluate(negative('junk-json', json(200, catalog('invalidRequestBody'))), 'negative', ctx),
    ).toEqual({ violations: [] });
  });
});
