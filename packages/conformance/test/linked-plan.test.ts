/**
 * The plan follows the contract's links with no code per operation: the operations they lead to
 * come after the success that feeds them, name what it named, count in the trigger budget, and
 * are skipped, saying why, when nothing can feed them. The Dredd adapter's hooks then send each
 * request to the operation's path with the value the success answered, never to the path key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OperationObject } from '@enos-trigger/spec';
import { EXTRA_OPERATION, withExtraOperation } from '@enos-trigger/spec/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { TransactionOutcome } from '../src/checks/exchange.js';
import { transactionCheck } from '../src/checks/transaction-row.js';
import { validator } from '../src/contract/validators.js';
import { contractView, type OperationView } from '../src/contract/view.js';
import { createHookContext } from '../src/engine/dredd/hook-context.js';
import type { WorkerMessage } from '../src/engine/dredd/protocol.js';
import type { DreddTransaction } from '../src/engine/dredd/transaction.js';
import { budgetText, triggerBudget } from '../src/plan/budget.js';
import { parameterCases } from '../src/plan/parameter-cases.js';
import { exampleRequest, requestSpec } from '../src/plan/requests.js';
import { type PlannedTransaction, planTransactions } from '../src/plan/transactions.js';
import { toResult } from '../src/results/model.js';

const view = contractView();
const FLOW = 3377;
const input = { flowId: FLOW, stateless: false, oversizeBytes: 64 };
const plan = planTransactions(view, input);
const linked = view.operations.filter((op) => op.links.length > 0);
const [get, list, cancel] = linked as [OperationView, OperationView, OperationView];
const identity = { appKey: 'k', appSecret: 's', userId: 'sandbox-user', orgId: 'sandbox-org' };

const at = (predicate: (e: PlannedTransaction) => boolean) => plan.findIndex(predicate);
const success = (op: OperationView) =>
  at((e) => e.operation === op.id && e.name === e.base && e.expectStatus === 200);
const entry = (op: OperationView, suffix: string) =>
  plan.find((e) => e.operation === op.id && e.name.endsWith(suffix)) as PlannedTransaction;

describe('the plan of the linked operations', () => {
  it('triggers first, then reads, finds and cancels the instance, then cancels it again', () => {
    const trigger = success(view.trigger);
    expect(trigger).toBeGreaterThan(-1);
    expect(success(get)).toBeGreaterThan(trigger);
    expect(success(list)).toBeGreaterThan(success(get));
    expect(success(cancel)).toBeGreaterThan(success(list));
    const again = at((e) => e.operation === cancel.id && e.provocation === 'operation-repeat');
    expect(again).toBeGreaterThan(success(cancel));
    expect(plan[again]?.error?.name).toBe('instanceFinished');
  });

  it("names the run's flow in each request that carries its instance, and nothing in the others", () => {
    for (const op of linked) {
      for (const e of plan.filter((p) => p.operation === op.id && p.skip === undefined)) {
        expect(e.linkedFrom, e.name).toBe(view.trigger.id);
        expect(e.flows, e.name).toEqual(e.provocation === 'operation-unknown-link' ? [] : [FLOW]);
      }
    }
  });

  it('counts what the links add in the trigger budget, and says what follows the trigger', () => {
    const cases = new Map();
    const [line] = triggerBudget(plan, cases, { flowId: FLOW });
    const unlinked = plan.filter((e) => e.linkedFrom === undefined);
    const [without] = triggerBudget(unlinked, cases, { flowId: FLOW });
    const named = (entries: PlannedTransaction[]) =>
      entries
        .filter((e) => e.skip === undefined)
        .reduce((n, e) => n + e.flows.filter((f) => f === FLOW).length, 0);
    expect(line?.requests).toBe(named(plan));
    const links = plan.filter((e) => e.linkedFrom !== undefined);
    expect(named(links)).toBeGreaterThan(linked.length);
    expect((line?.requests ?? 0) - (without?.requests ?? 0)).toBe(named(links));
    expect(line?.linked).toEqual(linked.map((op) => op.summary));
  });

  it('provokes what a change of the success request draws, and skips the rest saying why', () => {
    const provoked = (op: OperationView) =>
      op.catalog.map((c) => [c.name, entry(op, ` > ${c.name}`).provocation ?? 'skip']);
    expect(provoked(get)).toEqual([
      ['userNotInOrg', 'operation-unknown-user'],
      ['invalidRequest', 'operation-invalid-request'],
      ['instanceNotFound', 'operation-unknown-link'],
      ['noPrivilege', 'skip'],
      ['internalError', 'skip'],
    ]);
    expect(
      provoked(list)
        .filter(([, p]) => p !== 'skip')
        .map(([name]) => name),
    ).toEqual(['userNotInOrg', 'invalidRequest']);
    expect(entry(list, '> invalidSorter').skip).toMatch(/^the run has no means to provoke this/);
    expect(entry(cancel, '> noPrivilege').skip).toBe(
      'no --foreign-user-id given (another unlocked user of --org-id, who does not own --flow-id)',
    );
    expect(entry(cancel, '> internalError').skip).toMatch(/healthy server/);
    expect(entry(get, '> invalidRequest').title).toContain('no flowInstId');
    expect(entry(list, '> invalidRequest').title).toContain('pagination.pageNo 0');
    expect(entry(cancel, '> invalidRequest').title).toContain('a body without flowInstId');
  });

  it('skips every request of an operation whose link the run cannot follow, saying why', () => {
    const document = structuredClone(view.document) as unknown as Record<string, unknown>;
    const links = linksOf(document);
    (links.getFlowInstance as { parameters: unknown }).parameters = {
      flowInstId: '$response.header.Location',
    };
    const changed = contractView(writeContract(document));
    const sent = new Set(plan.filter((e) => e.skip === undefined).map((e) => e.name));
    const entries = planTransactions(changed, input).filter(
      (e) => e.operation === get.id && sent.has(e.name),
    );
    expect(entries.length).toBeGreaterThan(3);
    for (const e of entries) {
      expect(e.skip, e.name).toMatch(
        /the contract's link "getFlowInstance" cannot be followed: its expression \$response\.header\.Location/,
      );
    }
    const others = planTransactions(changed, input).filter((e) => e.operation === cancel.id);
    expect(others.find((e) => e.name === e.base)?.skip).toBeUndefined();
  });
});

describe('another user (--foreign-user-id): the "not the owner" answer of each operation', () => {
  const OTHER = 'other-user';
  const withOther = planTransactions(view, { ...input, foreignUserId: OTHER });
  const noPrivilege = (op: OperationView) =>
    withOther.find((e) => e.operation === op.id && e.error?.name === 'noPrivilege');
  const ctx = {
    view,
    identity,
    flows: { flowId: FLOW, foreignUserId: OTHER },
    minute: 1796212800000,
    oversizeBytes: 64,
    answers: new Map([
      [
        view.trigger.id,
        { query: [], body: '', json: { code: 0, data: { flowInstanceId: '3377-20261201120000' } } },
      ],
    ]),
  };

  it('asks about the run’s instance as that user, or names them where the entry’s `when` says', () => {
    expect([get, list, cancel].map((op) => noPrivilege(op)?.title)).toEqual([
      `${get.summary} · 62103 · not the owner: asked as user ${OTHER} (--foreign-user-id)`,
      `${list.summary} · 62103 · another owner: owner set to user ${OTHER} (--foreign-user-id)`,
      `${cancel.summary} · 62103 · not the owner: asked as user ${OTHER} (--foreign-user-id)`,
    ]);
    for (const op of [get, list, cancel]) {
      const e = noPrivilege(op) as PlannedTransaction;
      expect([e.provocation, e.skip, e.flows, e.linkedFrom]).toEqual([
        'operation-foreign-user',
        undefined,
        [FLOW],
        view.trigger.id,
      ]);
    }
  });

  it('is announced in the budget before anything is sent', () => {
    const [line] = budgetText(
      triggerBudget(withOther, new Map(), { flowId: FLOW, foreignUserId: OTHER }),
      ctx.minute,
    );
    expect(line).toContain(
      `with that instance (the contract's links), 3 of them as user ${OTHER} (--foreign-user-id), which a server that keeps the contract refuses`,
    );
    const [without] = budgetText(triggerBudget(plan, new Map(), { flowId: FLOW }), ctx.minute);
    expect(without).not.toContain('--foreign-user-id');
  });

  it('goes before the owner’s success, so that only ownership can refuse it', () => {
    const index = (e: PlannedTransaction | undefined) => withOther.indexOf(e as PlannedTransaction);
    for (const op of [get, list, cancel]) {
      const own = withOther.find((e) => e.operation === op.id && e.name === e.base && !e.error);
      expect(index(noPrivilege(op)), op.id).toBeLessThan(index(own));
      expect(index(noPrivilege(op)), op.id).toBeGreaterThan(
        withOther.findIndex((e) => e.provocation === 'trigger-success'),
      );
    }
  });

  it('sends the success request with the other user as the caller, or in the field', async () => {
    const asOther = await requestSpec('operation-foreign-user', ctx, get.id);
    const own = await requestSpec('operation-success', ctx, get.id);
    expect(asOther.query).toEqual(
      own.query.map(([name, value]) => [name, name === 'userId' ? OTHER : value]),
    );
    expect(asOther.query).toContainEqual(['flowInstId', '3377-20261201120000']);
    const cancelled = await requestSpec('operation-foreign-user', ctx, cancel.id);
    expect(JSON.parse(cancelled.body)).toEqual({ flowInstId: '3377-20261201120000' });
    expect(cancelled.query).toContainEqual(['userId', OTHER]);
    const listed = await requestSpec('operation-foreign-user', ctx, list.id);
    const ownList = await requestSpec('operation-success', ctx, list.id);
    expect(listed.query).toEqual(ownList.query);
    expect(JSON.parse(listed.body)).toEqual({ ...JSON.parse(ownList.body), owner: OTHER });
  });
});

describe('a success on the run’s instance answered "already finished"', () => {
  const cancelSuccess = plan[success(cancel)] as PlannedTransaction;
  const finished = cancel.catalog.find((e) => e.name === 'instanceFinished');
  const notFound = cancel.catalog.find((e) => e.name === 'instanceNotFound');
  const valid = { valid: true, pointers: [] };
  const row = (body: unknown) =>
    toResult(
      transactionCheck(
        cancelSuccess,
        {
          name: cancelSuccess.name,
          skipped: false,
          answer: {
            status: 200,
            contentType: 'application/json',
            text: JSON.stringify(body),
            json: body,
          },
          fields: {
            statusCode: valid,
            headers: valid,
            body: { valid: false, pointers: ['/code'] },
          },
        },
        { view, redact: (text) => text, engine: 'Dredd' },
      ),
      true,
    );

  it('is known from the plan: the entry the run draws by sending the success again', () => {
    expect(cancelSuccess.lateRefusal).toBe('instanceFinished');
    expect(plan[success(get)]?.lateRefusal).toBeUndefined();
  });

  it('is a skip that says the instance had ended on its own, even under --strict', () => {
    const late = row(finished?.value);
    expect(late.status).toBe('skip');
    expect(late.reason).toMatch(
      /^the instance had ended on its own before this request: the answer is 62102 · instance already finished, which the contract gives then/,
    );
    // A deployment's own words: known by its code.
    const words = row({ ...finished?.value, msg: 'Instance is over.' });
    expect(words.status).toBe('skip');
    expect(words.reason).toContain('(known by its code; the words differ)');
  });

  it('fails for another refusal of the same code, or a code the contract does not give then', () => {
    expect(row(notFound?.value).status).toBe('fail');
    expect(row(notFound?.value).reason).toContain('no such instance');
    expect(row({ code: 62109, msg: 'Internal server exception', data: null }).status).toBe('fail');
  });
});

describe('the generated requests of an operation with a body', () => {
  const bodyCasesOf = (op: OperationView, runs: number) => {
    const { body } = exampleRequest(op, identity);
    return parameterCases(op, identity, runs).filter((c) => c.body !== body);
  };

  it('are bodies its request schema refuses, each field broken once before any twice', () => {
    for (const op of [list, cancel]) {
      const valid = validator(op.requestSchema ?? {});
      const bodies = bodyCasesOf(op, 50);
      expect(bodies.length, op.id).toBeGreaterThan(5);
      for (const c of bodies) {
        let json: unknown;
        try {
          json = JSON.parse(c.body);
        } catch {
          continue; // not JSON: refused whatever the schema
        }
        expect(valid(json), `${op.id}: ${c.label}`).toBe(false);
      }
    }
    const fields = bodyCasesOf(list, 8)
      .filter((c) => !c.label.startsWith('body '))
      .map((c) => c.label.split(' ')[0]);
    expect(fields.length).toBeGreaterThan(4);
    expect(new Set(fields).size).toBe(fields.length);
  });

  it('never name an instance by a value a lenient server could read as an ID', () => {
    for (const c of bodyCasesOf(cancel, 1000)) {
      let id: unknown;
      try {
        id = (JSON.parse(c.body) as { flowInstId?: unknown } | null)?.flowInstId;
      } catch {
        continue;
      }
      expect(typeof id === 'string' && id !== '', c.label).toBe(false);
    }
  });

  it('are at most --negative-runs, besides the query cases, and none for an operation without a body', () => {
    expect(bodyCasesOf(list, 3)).toHaveLength(3);
    expect(parameterCases(list, identity, 0)).toEqual([]);
    expect(bodyCasesOf(get, 50)).toEqual([]);
  });
});

describe("the Dredd adapter's hooks", () => {
  const messages: WorkerMessage[] = [];
  const context = createHookContext(
    {
      type: 'start',
      server: 'http://127.0.0.1:9/prefix',
      contractFile: '',
      hookfile: '',
      identity,
      flows: { flowId: FLOW },
      candidateMinutes: [1796212800000],
      oversizeBytes: 64,
      plan,
      maxResponseBytes: 1024,
      requestTimeoutMs: 1000,
    },
    (message) => messages.push(message),
  );
  context.provideToken('token-for-the-hooks');
  const transaction = (name: string): DreddTransaction => ({
    name,
    id: name,
    fullPath: '/from-the-path-key',
    request: { method: 'GET', uri: '/from-the-path-key', headers: {}, body: '' },
    expected: {},
  });
  const outcomes = () =>
    messages.flatMap((m) => (m.type === 'outcome' ? [m.outcome] : [])) as TransactionOutcome[];
  const getSuccess = plan[success(get)] as PlannedTransaction;

  it('skip a linked request, saying why, before the success it needs has answered', async () => {
    const t = transaction(getSuccess.name);
    await context.beforeEach(t);
    expect(t.skip).toBe(true);
    await context.afterEach(t);
    expect(outcomes().at(-1)?.skipReason).toMatch(/no success answer of Trigger Flow/);
  });

  it("send it to the operation's path with its fixed query and the value the success answered", async () => {
    const trigger = plan[success(view.trigger)] as PlannedTransaction;
    const t = transaction(trigger.name);
    await context.beforeEach(t);
    expect(t.fullPath).toMatch(
      /^\/prefix\/batch-processing-service\/v2\.1\/flows\?action=trigger&/,
    );
    t.real = {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 0, msg: 'OK', data: { flowInstanceId: '3377-20261201120000' } }),
    };
    await context.beforeEachValidation(t);
    const read = transaction(getSuccess.name);
    await context.beforeEach(read);
    expect(read.skip).toBeUndefined();
    expect(read.request.method).toBe(get.method);
    expect(read.fullPath).toBe(
      `/prefix${get.path}?action=get&flowInstId=3377-20261201120000&userId=sandbox-user&orgId=sandbox-org`,
    );
    expect(read.request.uri).toBe(read.fullPath.slice('/prefix'.length));
    expect(read.request.headers['apim-accesstoken']).toBe('token-for-the-hooks');
  });
});

describe('an operation added to the contract, with no link (the extra-operation proof)', () => {
  it('keeps the request of its examples, names no flow, and skips the error it cannot draw', () => {
    const extended = contractView(writeContract(withExtraOperation(view.document)));
    const entries = planTransactions(extended, input).filter(
      (e) => e.operation === EXTRA_OPERATION.operationId,
    );
    expect(entries.map((e) => [e.title, e.skip === undefined, e.flows, e.linkedFrom])).toEqual([
      [
        `${EXTRA_OPERATION.summary} · success: the request of the contract's examples`,
        true,
        [],
        undefined,
      ],
      [`${EXTRA_OPERATION.summary} · 62199 · unknown widget`, false, [], undefined],
      [`${EXTRA_OPERATION.summary} · 400 Cannot process request body`, false, [], undefined],
      [
        `${EXTRA_OPERATION.summary} · 401 Invalid authentication credentials: no APIM headers`,
        true,
        [],
        undefined,
      ],
    ]);
  });
});

const dir = mkdtempSync(join(tmpdir(), 'conformance-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let written = 0;

/** A contract file for `contractView`, which reads --contract files. */
function writeContract(document: unknown): string {
  written += 1;
  const file = join(dir, `openapi-${written}.json`);
  writeFileSync(file, JSON.stringify(document));
  return file;
}

/** The links of Trigger Flow's success answer, in a copy of the contract. */
function linksOf(document: Record<string, unknown>): Record<string, unknown> {
  const paths = document.paths as Record<string, Record<string, OperationObject>>;
  const trigger = paths[view.trigger.pathKey]?.post as OperationObject;
  return (trigger.responses['200'] as unknown as { links: Record<string, unknown> }).links;
}
