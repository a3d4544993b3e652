/**
 * What the types forbid. The `@ts-expect-error` lines are checked by `npm run typecheck`
 * (tsc over src and test): each fails the typecheck if its line ever compiles.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BusinessError,
  createTriggerFlowClient,
  type GatewayStatus,
  type TriggerFlowErrorCatalog,
  type TriggerFlowErrorCode,
  type TriggerFlowFailure,
  type TriggerFlowResult,
  type TriggerFlowSuccess,
} from '../src/index.js';

const client = createTriggerFlowClient({
  baseUrl: 'http://127.0.0.1:4020',
  appKey: 'sandbox-app-key',
  appSecret: 'sandbox-app-secret',
});

/** Never called: it only has to compile, with exactly the errors it expects. */
async function misuse(result: TriggerFlowResult) {
  // @ts-expect-error flowId is a number, as in the contract.
  await client.triggerFlow({ flowId: '3377' });
  // @ts-expect-error flowId is required.
  await client.triggerFlow({ triggerTime: 1574385824000 });
  // @ts-expect-error triggerTime is a Date or epoch milliseconds.
  await client.triggerFlow({ flowId: 3377, triggerTime: '2019-11-22T01:23:44Z' });
  // @ts-expect-error flowInstanceId exists only once `ok` is checked.
  result.flowInstanceId;
  if (!result.ok && result.error.kind === 'business') {
    // @ts-expect-error 12345 is no code of the contract's catalog.
    if (result.error.code === 12345) return;
  }
  if (!result.ok && result.error.kind === 'gateway') {
    // @ts-expect-error 418 is no status the contract documents for the gateway.
    if (result.error.status === 418) return;
  }
  if (!result.ok) {
    // @ts-expect-error `code` belongs to business errors: narrow on `kind` first.
    result.error.code;
  }
}

describe('types', () => {
  it('keep misuse from compiling (see misuse above, checked by tsc)', () => {
    expectTypeOf(misuse).toBeFunction();
  });

  it('give flowInstanceId and its parts once success is checked', () => {
    expectTypeOf<Extract<TriggerFlowResult, { ok: true }>>().toEqualTypeOf<TriggerFlowSuccess>();
    expectTypeOf<TriggerFlowSuccess['flowInstanceId']>().toBeString();
    expectTypeOf<TriggerFlowSuccess['flowId']>().toBeNumber();
    expectTypeOf<TriggerFlowSuccess['instant']>().toEqualTypeOf<Date | undefined>();
  });

  it("narrow business errors on the catalog's codes", () => {
    expectTypeOf<BusinessError['code']>().toEqualTypeOf<TriggerFlowErrorCode>();
    expectTypeOf<62104>().toExtend<TriggerFlowErrorCode>();
    expectTypeOf<12345>().not.toExtend<TriggerFlowErrorCode>();
    expectTypeOf<TriggerFlowErrorCatalog['noTask']['code']>().toEqualTypeOf<62104>();
    const narrow = (error: TriggerFlowFailure) =>
      error.kind === 'business' && error.code === 62104 ? error : undefined;
    expectTypeOf(narrow).returns.toEqualTypeOf<
      Extract<BusinessError, { code: 62104 }> | undefined
    >();
  });

  it('narrow gateway errors on the documented statuses', () => {
    expectTypeOf<429>().toExtend<GatewayStatus>();
    expectTypeOf<418>().not.toExtend<GatewayStatus>();
    const retryAfter = (error: TriggerFlowFailure) =>
      error.kind === 'gateway' && error.status === 429 ? error.retryAfterMs : undefined;
    expectTypeOf(retryAfter).returns.toEqualTypeOf<number | undefined>();
  });

  it('make a switch over every kind exhaustive', () => {
    const label = (error: TriggerFlowFailure): string => {
      switch (error.kind) {
        case 'business':
        case 'gateway':
        case 'auth':
        case 'network':
        case 'timeout':
        case 'aborted':
        case 'unexpected-response':
        case 'invalid-argument':
          return error.kind;
        default:
          return error satisfies never;
      }
    };
    expectTypeOf(label).parameter(0).toEqualTypeOf<TriggerFlowFailure>();
  });
});
