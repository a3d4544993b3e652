/**
 * The raw client types every answer of every operation as the contract does: each body branch
 * that the contract gives `data` (the success and the business error, whose `data` is `null`)
 * keeps it, with the same type. The checks walk the generated `paths`, so an operation, a status
 * or a branch added to the contract is checked with no edit here. Like types.test.ts, they are
 * checked by `npm run typecheck` (tsc over src and test); at run time they do nothing.
 */
import type { Client, FetchResponse } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { components, paths } from '../src/generated/openapi.js';
import type { createRawClient } from '../src/raw.js';

/** What the raw client is typed over, read from `createRawClient` itself. */
type RawClient = ReturnType<typeof createRawClient>;
type RawPaths = RawClient extends Client<infer Paths, infer _Media> ? Paths : never;
type RawMedia = RawClient extends Client<infer _Paths, infer Media> ? Media : never;

/** Exact type identity, stricter than mutual assignability (it tells `null` from `null | undefined`). */
/**
 * `T` with every intersection merged into one object type, at any depth: openapi-fetch's
 * `Readable` rebuilds an `allOf` (FlowInstance & { isCancelled }) as one object, which has the
 * same members but is not the identical type the comparison below asks for.
 */
type Flat<T> = T extends object ? { [K in keyof T]: Flat<T[K]> } : T;

/** Exactly the same type, once each side's intersections are merged (see Flat). */
type Equal<A, B> =
  (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;

/** Every documented answer, as `[path, method, status]`: paths × methods × responses. */
type EveryResponse = {
  [Path in keyof paths]: {
    [Method in keyof paths[Path]]-?: paths[Path][Method] extends { responses: infer Responses }
      ? { [Status in keyof Responses]-?: [Path, Method, Status] }[keyof Responses]
      : never;
  }[keyof paths[Path]];
}[keyof paths];

/** The Response Object of an answer in `Paths`. */
type ResponseAt<Paths, Where> = Where extends [infer Path, infer Method, infer Status]
  ? Path extends keyof Paths
    ? Method extends keyof Paths[Path]
      ? Paths[Path][Method] extends { responses: infer Responses }
        ? Status extends keyof Responses
          ? Responses[Status]
          : never
        : never
      : never
    : never
  : never;

/** The body of a Response Object as the contract types it, every media type together. */
type ContractBody<Response> = Response extends { content: infer Content }
  ? Content[keyof Content]
  : never;

/**
 * The body of a Response Object as the raw client types it: what openapi-fetch gives as `data`
 * when that response answers (as a success, so that the same helper reads every status).
 */
type RawBody<Response> = NonNullable<
  FetchResponse<{ responses: { 200: Response } }, Record<never, never>, RawMedia>['data']
>;

type Label<Where> = Where extends [infer Path, infer Method, infer Status]
  ? `${Uppercase<Method & string>} ${Path & string} ${Status & (string | number)}`
  : never;

/** The branches of a body that have a `data` property, required or optional. */
type WithData<Branches> = Branches extends unknown
  ? 'data' extends keyof Branches
    ? Branches
    : never
  : never;

/** The branches of `Body` that read `data` with the type `Data`. */
type ReadingDataAs<Body, Data> = Body extends unknown
  ? 'data' extends keyof Body
    ? Equal<Body['data'], Data> extends true
      ? Body
      : never
    : never
  : never;

/** A label for each of the contract's `Branches` whose `data` the raw `Body` does not read. */
type DataLost<Branches, Body, Where> = Branches extends unknown
  ? 'data' extends keyof Branches
    ? [ReadingDataAs<Body, Branches['data' & keyof Branches]>] extends [never]
      ? `${Label<Where>}: data of a branch is not readable`
      : never
    : never
  : never;

/** Every answer, labelled, whose contract body has a branch with `data`. */
type AnswersWithData = EveryResponse extends infer Where
  ? Where extends unknown
    ? [WithData<ContractBody<ResponseAt<paths, Where>>>] extends [never]
      ? never
      : Label<Where>
    : never
  : never;

/** Every answer whose raw body lost the `data` of a contract branch. */
type AnswersLosingData = EveryResponse extends infer Where
  ? Where extends unknown
    ? DataLost<ContractBody<ResponseAt<paths, Where>>, RawBody<ResponseAt<RawPaths, Where>>, Where>
    : never
  : never;

/** Every answer whose raw body is not exactly the contract's body. */
type AnswersDiffering = EveryResponse extends infer Where
  ? Where extends unknown
    ? Equal<
        RawBody<ResponseAt<RawPaths, Where>>,
        ContractBody<ResponseAt<paths, Where>>
      > extends true
      ? never
      : `${Label<Where>}: the body is not the contract's`
    : never
  : never;

/**
 * Compiles only when `Failures` is empty; otherwise tsc's error names each failure, as in
 * "Argument of type 'true' is not assignable to parameter of type '\"POST /… 200: …\"'".
 */
function expectNone<Failures>(_: [Failures] extends [never] ? true : Failures) {}

const TRIGGER = '/batch-processing-service/v2.1/flows';
const TOKEN = '/apim-token-service/v2.0/token/get';

/** Never called: it only has to compile. The two envelopes read `data` on either branch. */
async function readData(raw: RawClient) {
  const trigger = await raw.POST(TRIGGER, {
    params: { query: { action: 'trigger', userId: 'u', orgId: 'o' } },
    body: { flowId: 3377, triggerTime: 1574385824000 },
  });
  const token = await raw.POST(TOKEN, {
    body: { appKey: 'k', encryption: 'e', timestamp: 1574385824000 },
  });
  return {
    instance: trigger.data?.data,
    flowInstanceId: trigger.data?.data?.flowInstanceId,
    token: token.data?.data,
  };
}

/** Never called: code that typed the raw client as `Client<paths>` before still compiles. */
function annotatedAsBefore(raw: RawClient): Client<paths> {
  return raw;
}

describe('the raw client', () => {
  it('checks every answer of the contract that carries data (not an empty walk)', () => {
    expectTypeOf<
      `POST ${typeof TRIGGER} 200` | `POST ${typeof TOKEN} 200`
    >().toExtend<AnswersWithData>();
  });

  it('keeps data readable on every branch of every answer', () => {
    expectNone<AnswersLosingData>(true);
  });

  it('types every answer exactly as the contract', () => {
    expectNone<AnswersDiffering>(true);
  });

  it('is still a Client<paths> for code that annotated it so', () => {
    expectTypeOf(annotatedAsBefore).returns.toEqualTypeOf<Client<paths>>();
  });

  it('reads data.data on the success and on the error branch', () => {
    type Read = Awaited<ReturnType<typeof readData>>;
    expectTypeOf<Read['instance']>().toEqualTypeOf<
      components['schemas']['FlowInstanceId'] | null | undefined
    >();
    expectTypeOf<Read['flowInstanceId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Read['token']>().toEqualTypeOf<
      components['schemas']['TokenSuccess']['data'] | null | undefined
    >();
  });
});
