/**
 * The types of the standalone operations and the instance operations, derived from the
 * contract. The `@ts-expect-error` lines are checked by `npm run typecheck`.
 */
import type { FlowInstanceStatusName as SpecStatusName } from '@enos-trigger/spec';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CancelFlowInstanceErrorCode,
  GetFlowInstanceErrorCode,
  ListFlowInstancesErrorCode,
} from '../src/generated/contract.js';
import {
  type CancelFlowInstanceResult,
  cancelFlowInstance,
  createSession,
  type FlowInstance,
  type FlowInstancePage,
  type FlowInstanceStatusName,
  type GetFlowInstanceResult,
  getFlowInstance,
  listFlowInstances,
  type TriggerAndWaitResult,
  triggerFlow,
  triggerFlowAndWait,
  type WaitResult,
  waitForFlowInstance,
} from '../src/index.js';

const app = { baseUrl: 'http://127.0.0.1:4020', appKey: 'k', appSecret: 's' };
const session = createSession({ ...app, userId: 'u', orgId: 'o' });
/** No default user or organization: every call must give them. */
const bare = createSession(app);

type FailureOf<Result> = Result extends { ok: false; error: infer Failure } ? Failure : never;
type CodeOf<Failure> = Failure extends { kind: 'business'; code: infer Code } ? Code : never;

/** Never called: it only has to compile, with exactly the errors it expects. */
async function misuse() {
  // @ts-expect-error userId and orgId are required: the session has no defaults.
  await triggerFlow(bare, { flowId: 3377 });
  await triggerFlow(bare, { flowId: 3377, userId: 'u', orgId: 'o' });
  // @ts-expect-error the options are required (userId, orgId): the session has no defaults.
  await getFlowInstance(bare, '3377-20191122012300');
  // @ts-expect-error orgId too.
  await cancelFlowInstance(bare, '3377-20191122012300', { userId: 'u' });
  await getFlowInstance(bare, '3377-20191122012300', { userId: 'u', orgId: 'o' });
  await getFlowInstance(session, '3377-20191122012300');
  // @ts-expect-error a sorter names one of the contract's fields.
  listFlowInstances(session, { sorters: [{ field: 'flowName' }] });
  // @ts-expect-error type is 0, 1 or 2, as in the contract.
  listFlowInstances(session, { type: 3 });
  const got = await getFlowInstance(session, 'x');
  // @ts-expect-error the instance is there only after checking ok.
  got.instance;
  if (!got.ok) {
    // @ts-expect-error a read has no effect to report.
    got.error.mayHaveCancelled;
    // @ts-expect-error 62104 is not a code of Get Flow Instance's catalog.
    if (got.error.kind === 'business' && got.error.code === 62104) return;
  }
  await waitForFlowInstance(bare, 'x', { userId: 'u', orgId: 'o', timeoutMs: 1000 });
  // @ts-expect-error the wait's options need userId and orgId on a bare session.
  await waitForFlowInstance(bare, 'x', { timeoutMs: 1000 });
  await triggerFlowAndWait(session, { flowId: 3377 }, { intervalMs: 10 });
  // @ts-expect-error an interval is a number of ms.
  await triggerFlowAndWait(session, { flowId: 3377 }, { intervalMs: '10' });
}

describe('the instance operations', () => {
  it('name statuses with the contract’s union, the one the spec generates', () => {
    expectTypeOf<FlowInstanceStatusName>().toEqualTypeOf<SpecStatusName>();
    expectTypeOf<Extract<GetFlowInstanceResult, { ok: true }>['status']>().toEqualTypeOf<
      FlowInstanceStatusName | undefined
    >();
    expectTypeOf<
      Extract<WaitResult, { ok: true }>['status']
    >().toEqualTypeOf<FlowInstanceStatusName>();
  });

  it("type each operation's business codes as its catalog's union", () => {
    expectTypeOf<
      CodeOf<FailureOf<GetFlowInstanceResult>>
    >().toEqualTypeOf<GetFlowInstanceErrorCode>();
    expectTypeOf<CodeOf<FailureOf<FlowInstancePage>>>().toEqualTypeOf<ListFlowInstancesErrorCode>();
    expectTypeOf<
      CodeOf<FailureOf<CancelFlowInstanceResult>>
    >().toEqualTypeOf<CancelFlowInstanceErrorCode>();
  });

  it('give a cancel failure mayHaveCancelled, and the trigger-and-wait the trigger it started', () => {
    expectTypeOf<
      FailureOf<CancelFlowInstanceResult>['mayHaveCancelled']
    >().toEqualTypeOf<boolean>();
    expectTypeOf<
      Extract<TriggerAndWaitResult, { ok: true }>['instance']
    >().toEqualTypeOf<FlowInstance>();
  });

  it("name a wait's own options in its invalid-argument, and a trigger-and-wait's says nothing started", () => {
    expectTypeOf<'timeoutMs' | 'intervalMs' | 'maxIntervalMs'>().toExtend<
      Extract<FailureOf<WaitResult>, { kind: 'invalid-argument' }>['argument']
    >();
    expectTypeOf<
      Extract<
        TriggerAndWaitResult,
        { ok: false; triggered?: undefined }
      >['error']['mayHaveTriggered']
    >().toEqualTypeOf<boolean>();
  });

  it('list as an async iterator of pages', () => {
    expectTypeOf(listFlowInstances(session)).toEqualTypeOf<
      AsyncGenerator<FlowInstancePage, void, undefined>
    >();
  });

  it('type the instance as the contract does', () => {
    expectTypeOf<FlowInstance['status']>().toEqualTypeOf<
      -1 | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10
    >();
    expectTypeOf(misuse).toBeFunction();
  });
});
