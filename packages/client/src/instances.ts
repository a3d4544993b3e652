/**
 * The operations on workflow instances, over a session: `getFlowInstance`,
 * `listFlowInstances` (an async iterator over pages) and `cancelFlowInstance`. Their routes,
 * codes, advice and types come from the contract (generated/contract.ts). Reads are sent again
 * whatever failed when the session retries; a cancel, like a trigger, only when it provably did
 * not reach the service.
 */
import { adviceOf } from './advice.js';
import type { CancelFailure, InstanceFailure, InstanceOperationId } from './failures.js';
import {
  cancelFlowInstanceAdvice,
  cancelFlowInstanceErrorCodes,
  cancelFlowInstanceRoute,
  type FlowInstanceStatusName,
  flowInstanceStatusNames,
  getFlowInstanceAdvice,
  getFlowInstanceErrorCodes,
  getFlowInstanceRoute,
  internalErrorCode,
  listFlowInstancesAdvice,
  listFlowInstancesErrorCodes,
  listFlowInstancesRoute,
} from './generated/contract.js';
import {
  type Answer,
  answerFailure,
  codeOf,
  type Effect,
  type Failed,
  failure,
} from './interpret.js';
import { show, text } from './rules.js';
import { type CallOptions, type ClientDefault, operate, type Session } from './session.js';
import type { OperationBody, OperationSuccess, Route } from './types.js';

export type { FlowInstanceStatusName };

/** A workflow instance, as Get Flow Instance answers it. */
export type FlowInstance = OperationSuccess<'getFlowInstance'>['data'];
/** A workflow instance, as List Flow Instances answers it (with `isCancelled`). */
export type FlowInstanceListItem =
  OperationSuccess<'listFlowInstances'>['data']['flowInsts'][number];

/** The options of one call of an instance operation. */
export interface InstanceCallOptions extends CallOptions {
  /** The user; default the session's. Required when the session has none. */
  userId?: string;
  /** The organization; default the session's. Required when the session has none. */
  orgId?: string;
}

/** The options of a call to a session without a default for `Needs`: those are required. */
export type InstanceCallInput<Needs extends ClientDefault = never> = InstanceCallOptions &
  Required<Pick<InstanceCallOptions, Needs>>;

/** The options argument: optional when the session has every default. */
export type InstanceOptionsArgument<Needs extends ClientDefault> = [Needs] extends [never]
  ? [options?: InstanceCallOptions]
  : [options: InstanceCallInput<Needs>];

export type GetFlowInstanceResult =
  | {
      ok: true;
      instance: FlowInstance;
      /** The name of `instance.status`; undefined for a code the contract does not list. */
      status: FlowInstanceStatusName | undefined;
      requestId?: string;
    }
  | { ok: false; error: InstanceFailure<'getFlowInstance'> };

export type FlowInstancePage =
  | {
      ok: true;
      /** From 1. */
      pageNo: number;
      instances: FlowInstanceListItem[];
      /** How many instances match, on every page. */
      count: number;
      requestId?: string;
    }
  | { ok: false; error: InstanceFailure<'listFlowInstances'> };

export type CancelFlowInstanceResult =
  | { ok: true; requestId?: string }
  | { ok: false; error: CancelFailure };

/** The filters of List Flow Instances, as the contract types them, and how to page. */
export type ListFlowInstancesFilter = Omit<OperationBody<'listFlowInstances'>, 'pagination'> & {
  /** Instances per page: 1 or more. Default 100. */
  pageSize?: number;
  /** The order of the instances, as the contract's `pagination.sorters`. */
  sorters?: NonNullable<OperationBody<'listFlowInstances'>['pagination']>['sorters'];
  /**
   * The most pages asked for: 1 or more. Default 100. A server that never says it is done
   * (its `count` grows, or each page is full) cannot keep the iterator going for ever.
   */
  maxPages?: number;
};

/** What a cancel's failure says about the instance: `mayHaveCancelled`, and what to do. */
export const CANCELLED: Effect = [
  'mayHaveCancelled',
  'The cancel may have reached EnOS: get the instance to see its status before you cancel again.',
  'Nothing was cancelled.',
];

/** An operation's generated facts (its route, its catalog's codes, its advice) and its name. */
type Facts = readonly [
  Route,
  readonly number[],
  readonly (readonly [number, string, string?])[],
  InstanceOperationId,
];
const GET: Facts = [
  getFlowInstanceRoute,
  getFlowInstanceErrorCodes,
  getFlowInstanceAdvice,
  'getFlowInstance',
];
const LIST: Facts = [
  listFlowInstancesRoute,
  listFlowInstancesErrorCodes,
  listFlowInstancesAdvice,
  'listFlowInstances',
];
const CANCEL: Facts = [
  cancelFlowInstanceRoute,
  cancelFlowInstanceErrorCodes,
  cancelFlowInstanceAdvice,
  'cancelFlowInstance',
];

interface Request {
  /** The instance the call is about, for the messages and the advice. */
  flowInstanceId?: string;
  query?: Record<string, string>;
  body?: object;
  /** A read: sent again whatever failed, when the session retries. */
  read: boolean;
}

/**
 * One call of an instance operation: its arguments checked, sent, and its answer read: a
 * success by `success` (undefined when its data is not in the contract's shape), a business
 * error of the catalog with the contract's advice, or the gateway's or an unexpected answer.
 */
async function instanceCall<Success>(
  session: Session<ClientDefault>,
  [route, codes, advice, name]: Facts,
  { flowInstanceId, query, body, read }: Request,
  options: InstanceCallOptions = {},
  success: (data: unknown, answer: Answer) => Success | undefined,
): Promise<Success | Failed<never>> {
  const effect = read ? undefined : CANCELLED;
  const { userId = session.userId, orgId = session.orgId } = options;
  const [argument, value] =
    (
      [
        ['flowInstanceId', flowInstanceId, flowInstanceId === undefined || text(flowInstanceId)],
        ['userId', userId, text(userId)],
        ['orgId', orgId, text(orgId)],
      ] as const
    ).find(([, , fits]) => !fits) ?? [];
  if (argument) {
    return failure(
      'invalid-argument',
      0,
      `${argument} is ${show(value)}: give a non-empty string${argument === 'flowInstanceId' ? '' : ' to the session or the call'}.`,
      { argument },
      effect,
    ) as Failed<never>;
  }
  return operate(session, options, effect, async (signal, retry, progress) => {
    retry.idempotent = read;
    const response = await session.send(
      route,
      { query: { ...query, userId: userId as string, orgId: orgId as string }, body, signal },
      retry,
      progress,
    );
    const answer = await session.read(response, effect);
    const code = codeOf(answer, route);
    const done = response.ok && code === 0 ? success(answer?.data, answer as Answer) : undefined;
    if (done) return done;
    if (!response.ok || !codes.includes(code as number)) {
      return answerFailure(response, answer, retry.attempts, route, effect);
    }
    const msg = `${answer?.msg}`;
    return failure(
      'business',
      code === internalErrorCode,
      `EnOS refused ${name}${flowInstanceId ? ` of ${flowInstanceId}` : ''}: ${code} ${show(msg)}. ${
        adviceOf(advice, code, msg, { flowInstanceId, userId }) ?? ''
      }`,
      { code, msg, requestId: answer?.requestId },
      effect,
    );
  }) as Promise<Success | Failed<never>>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Get one workflow instance: its workflow, status, times. Never throws. */
export function getFlowInstance<Needs extends ClientDefault>(
  session: Session<Needs>,
  flowInstanceId: string,
  ...[options]: InstanceOptionsArgument<Needs>
): Promise<GetFlowInstanceResult> {
  return instanceCall(
    session,
    GET,
    { flowInstanceId, query: { flowInstId: flowInstanceId }, read: true },
    options,
    (data, answer) =>
      isObject(data) && typeof data.instanceId === 'string'
        ? {
            ok: true as const,
            instance: data as FlowInstance,
            status: flowInstanceStatusNames[data.status as number],
            requestId: answer.requestId,
          }
        : undefined,
  ) as Promise<GetFlowInstanceResult>;
}

/**
 * The instances that match `filter`, one page per step, from page 1: it stops after the last
 * page (one with fewer instances than `pageSize`, or that reaches `count`), after `maxPages`,
 * or after a failure, which is the last page it gives. Never throws.
 *
 *     for await (const page of listFlowInstances(session, { expression: '3377' })) {
 *       if (!page.ok) throw new Error(page.error.message);
 *       for (const instance of page.instances) console.log(instance.instanceId);
 *     }
 */
export async function* listFlowInstances<Needs extends ClientDefault>(
  session: Session<Needs>,
  filter: ListFlowInstancesFilter = {},
  ...[options]: InstanceOptionsArgument<Needs>
): AsyncGenerator<FlowInstancePage, void, undefined> {
  const { pageSize = 100, maxPages = 100, sorters, ...rest } = filter;
  const wrong = [
    ['pageSize', pageSize],
    ['maxPages', maxPages],
  ].find(([, value]) => !(Number.isInteger(value) && (value as number) > 0));
  if (wrong) {
    const [argument, value] = wrong;
    yield failure('invalid-argument', 0, `${argument} is ${show(value)}: give an integer from 1.`, {
      argument,
    }) as FlowInstancePage;
    return;
  }
  for (let pageNo = 1; pageNo <= maxPages; pageNo++) {
    const page = (await instanceCall(
      session,
      LIST,
      { body: { ...rest, pagination: { pageNo, pageSize, sorters } }, read: true },
      options,
      (data, answer) =>
        isObject(data) && Array.isArray(data.flowInsts) && typeof data.count === 'number'
          ? {
              ok: true as const,
              pageNo,
              instances: data.flowInsts as FlowInstanceListItem[],
              count: data.count,
              requestId: answer.requestId,
            }
          : undefined,
    )) as FlowInstancePage;
    yield page;
    if (!page.ok || page.instances.length < pageSize || pageNo * pageSize >= page.count) return;
  }
}

/**
 * Cancel a workflow instance that has not finished. Never throws. Sent again only when it
 * provably did not reach the service: after a failure with `mayHaveCancelled`, get the instance
 * before you cancel again.
 */
export function cancelFlowInstance<Needs extends ClientDefault>(
  session: Session<Needs>,
  flowInstanceId: string,
  ...[options]: InstanceOptionsArgument<Needs>
): Promise<CancelFlowInstanceResult> {
  return instanceCall(
    session,
    CANCEL,
    { flowInstanceId, body: { flowInstId: flowInstanceId }, read: false },
    options,
    (_, answer) => ({ ok: true as const, requestId: answer.requestId }),
  ) as Promise<CancelFlowInstanceResult>;
}
