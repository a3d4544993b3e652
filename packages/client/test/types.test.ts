/**
 * What the types forbid. The `@ts-expect-error` lines are checked by `npm run typecheck`
 * (tsc over src and test): each fails the typecheck if its line ever compiles.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type BusinessError,
  createTriggerFlowClient,
  type GatewayStatus,
  type TokenErrorCatalog,
  type TriggerFlowClient,
  type TriggerFlowErrorCatalog,
  type TriggerFlowErrorCode,
  type TriggerFlowFailure,
  type TriggerFlowResult,
  type TriggerFlowSuccess,
} from '../src/index.js';

const app = {
  baseUrl: 'http://127.0.0.1:4020',
  appKey: 'sandbox-app-key',
  appSecret: 'sandbox-app-secret',
};
const client = createTriggerFlowClient({ ...app, userId: 'sandbox-user', orgId: 'sandbox-org' });
/** No default user or organization: every call must give them. */
const bare = createTriggerFlowClient(app);
/** A default user the types cannot be sure of (`string | undefined`): the run-time check holds. */
const fromEnv = createTriggerFlowClient({ ...app, userId: process.env.ENOS_USER_ID, orgId: 'o' });

/** Never called: it only has to compile, with exactly the errors it expects. */
async function misuse(result: TriggerFlowResult) {
  // @ts-expect-error flowId is a number, as in the contract.
  await client.triggerFlow({ flowId: '3377' });
  // @ts-expect-error flowId is required.
  await client.triggerFlow({ triggerTime: 1574385824000 });
  // @ts-expect-error triggerTime is a Date or epoch milliseconds.
  await client.triggerFlow({ flowId: 3377, triggerTime: '2019-11-22T01:23:44Z' });
  // @ts-expect-error userId is required: the client has no default user.
  await bare.triggerFlow({ flowId: 3377, orgId: 'sandbox-org' });
  // @ts-expect-error orgId is required: the client has no default organization.
  await bare.triggerFlow({ flowId: 3377, userId: 'sandbox-user' });
  await bare.triggerFlow({ flowId: 3377, userId: 'sandbox-user', orgId: 'sandbox-org' });
  const userOnly = createTriggerFlowClient({ ...app, userId: 'sandbox-user' });
  // @ts-expect-error orgId is required: this client has a default user only.
  await userOnly.triggerFlow({ flowId: 3377 });
  await userOnly.triggerFlow({ flowId: 3377, orgId: 'sandbox-org' });
  await client.triggerFlow({ flowId: 3377 });
  await fromEnv.triggerFlow({ flowId: 3377 });
  // @ts-expect-error an option's name is checked: no `userid`.
  createTriggerFlowClient({ ...app, userid: 'sandbox-user' });
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

  it('require userId and orgId of the calls of a client made without them', () => {
    expectTypeOf(bare).toEqualTypeOf<TriggerFlowClient<'userId' | 'orgId'>>();
    expectTypeOf(bare.triggerFlow).parameter(0).toHaveProperty('userId').toEqualTypeOf<string>();
    expectTypeOf(bare.triggerFlow).parameter(0).toHaveProperty('orgId').toEqualTypeOf<string>();
    expectTypeOf(client).toEqualTypeOf<TriggerFlowClient>();
    expectTypeOf(client.triggerFlow)
      .parameter(0)
      .toHaveProperty('userId')
      .toEqualTypeOf<string | undefined>();
    // `string | undefined`: the types cannot tell, so the call may leave it out.
    expectTypeOf(fromEnv).toEqualTypeOf<TriggerFlowClient>();
  });

  it('give flowInstanceId and its parts once success is checked', () => {
    expectTypeOf<Extract<TriggerFlowResult, { ok: true }>>().toEqualTypeOf<TriggerFlowSuccess>();
    expectTypeOf<TriggerFlowSuccess['flowInstanceId']>().toBeString();
    expectTypeOf<TriggerFlowSuccess['flowId']>().toBeNumber();
    expectTypeOf<TriggerFlowSuccess['instant']>().toEqualTypeOf<Date | undefined>();
    // Set only when the instance ID names another flow than the one asked for.
    expectTypeOf<TriggerFlowSuccess['mismatch']>().toEqualTypeOf<
      { askedFlowId: number; answeredFlowId: number } | undefined
    >();
  });

  it('promise a message text only where the contract documents or infers it', () => {
    expectTypeOf<
      TriggerFlowErrorCatalog['noTask']['message']
    >().toEqualTypeOf<'This workflow has no task. You cannot trigger it.'>();
    expectTypeOf<TriggerFlowErrorCatalog['noTask']['parts']>().toEqualTypeOf<{
      code: 'documented';
      message: 'documented';
      status: 'inferred';
      when: 'documented';
    }>();
    // Unknown words: the locked workflow's (written by the contract) and every token message.
    expectTypeOf<TriggerFlowErrorCatalog['workflowLocked']['message']>().toEqualTypeOf<string>();
    expectTypeOf<
      TriggerFlowErrorCatalog['workflowLocked']['parts']['message']
    >().toEqualTypeOf<'unknown'>();
    expectTypeOf<TokenErrorCatalog[keyof TokenErrorCatalog]['message']>().toEqualTypeOf<string>();
    expectTypeOf<
      TokenErrorCatalog['appKeyNotFound']['parts']['message']
    >().toEqualTypeOf<'unknown'>();
    expectTypeOf<TriggerFlowErrorCatalog['noPrivilege']['advice']>().toExtend<string>();
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
    // Set only on a same-minute 62102 after a retry: the instance an earlier attempt made.
    expectTypeOf<BusinessError['flowInstanceId']>().toEqualTypeOf<string | undefined>();
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
