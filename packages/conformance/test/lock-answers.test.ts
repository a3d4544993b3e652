/**
 * The lock answers of the operations without a role, drawn by their catalog entries' names:
 * "user locked" by asking about the run's own instance as --locked-user-id, before the owner's
 * success, announced in the budget and the dry run; "workflow locked" skipped with the reason no
 * flag can change (an instance of a locked workflow is made by no call of the API).
 */
import { describe, expect, it } from 'vitest';
import { type CatalogExample, contractView, type OperationView } from '../src/contract/view.js';
import { createHookContext } from '../src/engine/dredd/hook-context.js';
import type { DreddTransaction } from '../src/engine/dredd/transaction.js';
import { budgetText, triggerBudget } from '../src/plan/budget.js';
import { linkPlan } from '../src/plan/linked-operations.js';
import { operationErrorPlan } from '../src/plan/operation-errors.js';
import { requestSpec } from '../src/plan/requests.js';
import { type PlannedTransaction, planTransactions } from '../src/plan/transactions.js';
import { dryRunPlan } from '../src/run/dry-run.js';

const view = contractView();
const FLOW = 3377;
const LOCKED = 'locked-user';
const OTHER = 'other-user';
const INSTANCE = '3377-20261201120000';
const MINUTE = 1796212800000;
const input = { flowId: FLOW, stateless: false, oversizeBytes: 64 };
const identity = { appKey: 'k', appSecret: 's', userId: 'sandbox-user', orgId: 'sandbox-org' };
const plain = planTransactions(view, input);
const locked = planTransactions(view, { ...input, lockedUserId: LOCKED, lockedFlowId: 4230 });

/** The operations without a role whose catalog has the entry: Cancel Flow Instance, today. */
const withEntry = (name: string) =>
  view.operations.filter(
    (op) => op.links.length > 0 && op.catalog.some((entry) => entry.name === name),
  );
const rowOf = (plan: PlannedTransaction[], op: OperationView, name: string) =>
  plan.find((e) => e.operation === op.id && e.error?.name === name) as PlannedTransaction;
const successOf = (plan: PlannedTransaction[], op: OperationView) =>
  plan.find((e) => e.operation === op.id && e.name === e.base && e.expectStatus === 200);
const catalogEntry = (op: OperationView, name: string) =>
  op.catalog.find((e) => e.name === name) as CatalogExample;

const userLockedOps = withEntry('userLocked');
const workflowLockedOps = withEntry('workflowLocked');
const [cancel] = userLockedOps as [OperationView];

describe('the contract this proves', () => {
  it('gives an instance operation both lock answers, with the entry names of Trigger Flow', () => {
    expect(userLockedOps.map((op) => op.summary)).toContain('Cancel Flow Instance');
    expect(workflowLockedOps).toEqual(userLockedOps);
    for (const name of ['userLocked', 'workflowLocked']) {
      expect(view.trigger.catalog.map((e) => e.name)).toContain(name);
    }
  });
});

describe('"user locked" (--locked-user-id)', () => {
  it('is skipped without the flag, naming it', () => {
    for (const op of userLockedOps) {
      expect(rowOf(plain, op, 'userLocked').skip, op.id).toBe(
        'no --locked-user-id given (a locked user of --org-id)',
      );
    }
  });

  it('asks about the run’s instance as the locked user, with the flag named in its title', () => {
    for (const op of userLockedOps) {
      const row = rowOf(locked, op, 'userLocked');
      expect(row.title).toBe(
        `${op.summary} · ${catalogEntry(op, 'userLocked').summary}: asked as user ${LOCKED} (--locked-user-id)`,
      );
      expect([row.provocation, row.skip, row.flows, row.linkedFrom]).toEqual([
        'operation-locked-user',
        undefined,
        [FLOW],
        view.trigger.id,
      ]);
    }
    expect(rowOf(locked, cancel, 'userLocked').title).toBe(
      `Cancel Flow Instance · 62105 · user locked: asked as user ${LOCKED} (--locked-user-id)`,
    );
  });

  it('goes after the trigger and before the owner’s success, like another user’s request', () => {
    const both = planTransactions(view, { ...input, lockedUserId: LOCKED, foreignUserId: OTHER });
    for (const op of userLockedOps) {
      const index = (e: PlannedTransaction | undefined) => both.indexOf(e as PlannedTransaction);
      const row = index(rowOf(both, op, 'userLocked'));
      expect(row, op.id).toBeGreaterThan(
        both.findIndex((e) => e.provocation === 'trigger-success'),
      );
      expect(row, op.id).toBeLessThan(index(successOf(both, op)));
      expect(index(rowOf(both, op, 'noPrivilege')), op.id).toBeLessThan(index(successOf(both, op)));
    }
  });

  it('is drawn by the entry’s name, wherever the query names the caller, link or not', () => {
    const entry = catalogEntry(cancel, 'userLocked');
    const users = { lockedUserId: LOCKED };
    expect(operationErrorPlan(cancel, entry, undefined, '{}', users)).toEqual({
      provocation: 'operation-locked-user',
      how: `asked as user ${LOCKED} (--locked-user-id)`,
    });
    const noCaller = { ...cancel, query: cancel.query.filter((p) => p.name !== 'userId') };
    expect(operationErrorPlan(noCaller, entry, undefined, '{}', users)).toEqual({
      skip: expect.stringMatching(/^the run has no means to provoke this answer/),
    });
  });

  it('sends the success request with the locked user as the caller, about the run’s instance', async () => {
    const ctx = {
      view,
      identity,
      flows: { flowId: FLOW, lockedUserId: LOCKED },
      minute: MINUTE,
      oversizeBytes: 64,
      answers: new Map([
        [
          view.trigger.id,
          { query: [], body: '', json: { code: 0, data: { flowInstanceId: INSTANCE } } },
        ],
      ]),
    };
    for (const op of userLockedOps) {
      const asLocked = await requestSpec('operation-locked-user', ctx, op.id);
      const own = await requestSpec('operation-success', ctx, op.id);
      expect(asLocked.query, op.id).toEqual(
        own.query.map(([name, value]) => [name, name === 'userId' ? LOCKED : value]),
      );
      expect(asLocked.body, op.id).toBe(own.body);
      expect(asLocked.signed, op.id).toBe(true);
    }
    expect(JSON.parse((await requestSpec('operation-locked-user', ctx, cancel.id)).body)).toEqual({
      flowInstId: INSTANCE,
    });
    await expect(
      requestSpec('operation-locked-user', { ...ctx, flows: { flowId: FLOW } }, cancel.id),
    ).rejects.toThrow('This check needs --locked-user-id.');
  });

  it('is announced in the budget before anything is sent, with another user’s requests', () => {
    const text = (plan: PlannedTransaction[], flows: Parameters<typeof triggerBudget>[2]) =>
      budgetText(triggerBudget(plan, new Map(), flows), MINUTE)[0] as string;
    const lockedOnly = { flowId: FLOW, lockedUserId: LOCKED };
    expect(text(planTransactions(view, { ...input, ...lockedOnly }), lockedOnly)).toContain(
      `with that instance (the contract's links), ${userLockedOps.length} of them as user ${LOCKED} (--locked-user-id), which a server that keeps the contract refuses`,
    );
    const both = { ...lockedOnly, foreignUserId: OTHER };
    expect(text(planTransactions(view, { ...input, ...both }), both)).toContain(
      `with that instance (the contract's links), 3 of them as user ${OTHER} (--foreign-user-id) and ${userLockedOps.length} as user ${LOCKED} (--locked-user-id), which a server that keeps the contract refuses`,
    );
    expect(text(plain, { flowId: FLOW })).not.toContain('--locked-user-id');
  });

  it('is listed by --dry-run, as the locked user, before the owner’s success', async () => {
    const flows = { flowId: FLOW, lockedUserId: LOCKED };
    const dry = await dryRunPlan({
      view,
      plan: planTransactions(view, { ...input, ...flows }),
      cases: new Map(),
      identity,
      flows,
      firstMinute: MINUTE,
      oversizeBytes: 64,
    });
    for (const op of userLockedOps) {
      const row = rowOf(locked, op, 'userLocked');
      const asLocked = dry.requests.find((r) => r.why === row.title);
      expect(asLocked?.target, op.id).toContain(`userId=${LOCKED}`);
      expect(asLocked?.target, op.id).toContain(`${op.path}?`);
      const own = dry.requests.find((r) => r.why === successOf(locked, op)?.title);
      expect(asLocked?.n ?? Infinity, op.id).toBeLessThan(own?.n ?? -1);
    }
    expect(dry.skipped.map((s) => s.title)).not.toContain(
      rowOf(locked, cancel, 'userLocked').title,
    );
  });

  it('is sent by the Dredd adapter’s hooks to the operation’s path as the locked user', async () => {
    const context = createHookContext(
      {
        type: 'start',
        server: 'http://127.0.0.1:9',
        contractFile: '',
        hookfile: '',
        identity,
        flows: { flowId: FLOW, lockedUserId: LOCKED },
        candidateMinutes: [MINUTE],
        oversizeBytes: 64,
        plan: locked,
        maxResponseBytes: 1024,
        requestTimeoutMs: 1000,
      },
      () => {},
    );
    context.provideToken('token-for-the-hooks');
    const transaction = (name: string): DreddTransaction => ({
      name,
      id: name,
      fullPath: '/from-the-path-key',
      request: { method: 'GET', uri: '/from-the-path-key', headers: {}, body: '' },
      expected: {},
    });
    const trigger = transaction((successOf(locked, view.trigger) as PlannedTransaction).name);
    await context.beforeEach(trigger);
    trigger.real = {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 0, msg: 'OK', data: { flowInstanceId: INSTANCE } }),
    };
    await context.beforeEachValidation(trigger);
    const t = transaction(rowOf(locked, cancel, 'userLocked').name);
    await context.beforeEach(t);
    expect(t.skip).toBeUndefined();
    expect(t.request.method).toBe(cancel.method);
    expect(new URL(t.fullPath, 'http://x').searchParams.get('userId')).toBe(LOCKED);
    expect(t.fullPath.startsWith(`${cancel.path}?`)).toBe(true);
    expect(JSON.parse(t.request.body)).toEqual({ flowInstId: INSTANCE });
    expect(t.request.headers['apim-accesstoken']).toBe('token-for-the-hooks');
    expect(t.expected.statusCode).toBe('200');
  });
});

describe('"workflow locked": no call of the API makes an instance of a locked workflow', () => {
  const REASON =
    'needs the flowInstId of an instance of a locked workflow, which exists only if the workflow was locked after Trigger Flow made the instance, and no call of the API locks a workflow; --locked-flow-id cannot give one, as a locked workflow cannot be triggered (Trigger Flow answers 62106 · workflow locked)';

  it('is skipped with that reason, --locked-flow-id given or not', () => {
    expect(rowOf(locked, cancel, 'workflowLocked').skip).toBe(REASON);
    for (const plan of [plain, locked]) {
      for (const op of workflowLockedOps) {
        const row = rowOf(plan, op, 'workflowLocked');
        expect(row.skip, op.id).toContain('no call of the API locks a workflow');
        expect(row.skip, op.id).toContain('--locked-flow-id cannot give one');
        expect(row.provocation, op.id).toBeUndefined();
      }
    }
    // Trigger Flow's own row is drawn with the flag.
    expect(rowOf(locked, view.trigger, 'workflowLocked').provocation).toBe(
      'trigger-workflow-locked',
    );
  });

  it('has that reason only where a link names what an operation refusing locked workflows made', () => {
    const entry = catalogEntry(cancel, 'workflowLocked');
    const linked = linkPlan(view, cancel);
    expect(operationErrorPlan(cancel, entry, linked, '{}', {})).toEqual({ skip: REASON });
    const noMeans = { skip: expect.stringMatching(/^the run has no means to provoke this answer/) };
    expect(operationErrorPlan(cancel, entry, undefined, '{}', {})).toEqual(noMeans);
    const source = linked?.source as OperationView;
    const unlockedSource = {
      ...source,
      catalog: source.catalog.filter((e) => e.name !== 'workflowLocked'),
    };
    expect(
      operationErrorPlan(cancel, entry, linked && { ...linked, source: unlockedSource }, '{}', {}),
    ).toEqual(noMeans);
  });
});
