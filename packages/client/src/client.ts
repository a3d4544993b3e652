/**
 * The Trigger Flow client: a session (session.ts) with every operation as a method and the
 * contract's advice in every trigger failure. The convenient form; it carries every operation.
 * An application that only triggers bundles less with `createSession` and `triggerFlow`.
 */
import { triggerAdvice } from './advice.js';
import { checkOptions, invalidArgument } from './checks.js';
import { parseFlowInstanceId } from './flow-instance-id.js';
import {
  type CancelFlowInstanceResult,
  cancelFlowInstance,
  type FlowInstancePage,
  type GetFlowInstanceResult,
  getFlowInstance,
  type InstanceOptionsArgument,
  type ListFlowInstancesFilter,
  listFlowInstances,
} from './instances.js';
import { retrying } from './retry.js';
import {
  type ClientDefault,
  type Missing,
  openSession,
  type Session,
  type TriggerFlowClientOptions,
} from './session.js';
import { fetchOf } from './transport.js';
import { type TriggerFlowCallInput, type TriggerFlowInput, triggerFlow } from './trigger.js';
import type { TriggerFlowResult, TriggerFlowSuccess } from './types.js';
import {
  type TriggerAndWaitResult,
  triggerThenWait,
  type WaitOptions,
  type WaitResult,
  waitForFlowInstance,
} from './wait.js';

export type {
  ClientDefault,
  TriggerFlowCallInput,
  TriggerFlowClientOptions,
  TriggerFlowInput,
  TriggerFlowResult,
  TriggerFlowSuccess,
};

/**
 * A client. `Needs` names the fields it has no default for, which every call must then give:
 * `userId`, `orgId`, both, or none (`never`, the default).
 */
export interface TriggerFlowClient<Needs extends ClientDefault = never> {
  /** Trigger a workflow once. Never throws: every failure is a typed `{ ok: false, error }`. */
  triggerFlow(input: TriggerFlowCallInput<Needs>): Promise<TriggerFlowResult>;
  /** Get one workflow instance (see the standalone `getFlowInstance`). */
  getFlowInstance(
    flowInstanceId: string,
    ...options: InstanceOptionsArgument<Needs>
  ): Promise<GetFlowInstanceResult>;
  /** The instances that match `filter`, page by page (see the standalone `listFlowInstances`). */
  listFlowInstances(
    filter?: ListFlowInstancesFilter,
    ...options: InstanceOptionsArgument<Needs>
  ): AsyncGenerator<FlowInstancePage, void, undefined>;
  /** Cancel a workflow instance (see the standalone `cancelFlowInstance`). */
  cancelFlowInstance(
    flowInstanceId: string,
    ...options: InstanceOptionsArgument<Needs>
  ): Promise<CancelFlowInstanceResult>;
  /** Wait for an instance to end (see the standalone `waitForFlowInstance`). */
  waitForFlowInstance(
    flowInstanceId: string,
    ...options: [Needs] extends [never]
      ? [options?: WaitOptions]
      : [options: WaitOptions & Required<Pick<WaitOptions, Needs>>]
  ): Promise<WaitResult>;
  /** Trigger, then wait for the instance to end (see the standalone `triggerFlowAndWait`). */
  triggerFlowAndWait(
    input: TriggerFlowCallInput<Needs>,
    wait?: Omit<WaitOptions, 'userId' | 'orgId'>,
  ): Promise<TriggerAndWaitResult>;
  /**
   * The authenticated transport as a fetch: signs, refreshes the token on a 401, retries what
   * provably did not reach the service. For your own fetch layer, or `createRawClient`.
   * No deadline of its own: give the request a `signal`.
   */
  fetch(request: Request): Promise<Response>;
  baseUrl: string;
  /** The client's session, for the standalone operations. */
  session: Session<Needs>;
}

/**
 * Create a client. Throws a TypeError at once, naming the option, when baseUrl, appKey,
 * appSecret, userId, orgId, timeoutMs or maxResponseBytes is unusable: a configuration mistake
 * is not the failure of a call. Created without a `userId` or `orgId`, its calls must give them.
 */
export function createTriggerFlowClient<
  UserId extends string | undefined = undefined,
  OrgId extends string | undefined = undefined,
>(
  options: TriggerFlowClientOptions & { userId?: UserId; orgId?: OrgId },
): TriggerFlowClient<Missing<UserId, 'userId'> | Missing<OrgId, 'orgId'>> {
  checkOptions('createTriggerFlowClient', options);
  const session = openSession({
    ...options,
    retry: retrying(options.retry),
    advice: triggerAdvice,
  });
  const client: TriggerFlowClient<never> = {
    async triggerFlow(input) {
      const { flowId, triggerTime = 0, userId = session.userId, orgId = session.orgId } = input;
      const invalid = invalidArgument({ flowId, triggerTime, userId, orgId });
      if (invalid) return invalid;
      const result = await triggerFlow(session, input);
      return result.ok
        ? { ...result, instant: parseFlowInstanceId(result.flowInstanceId)?.instant }
        : result;
    },
    getFlowInstance: (id, ...options) => getFlowInstance(session, id, ...options),
    listFlowInstances: (filter, ...options) => listFlowInstances(session, filter, ...options),
    cancelFlowInstance: (id, ...options) => cancelFlowInstance(session, id, ...options),
    waitForFlowInstance: (id, ...options) => waitForFlowInstance(session, id, ...options),
    triggerFlowAndWait: (input, wait = {}) =>
      triggerThenWait(session, () => client.triggerFlow(input), input, wait),
    fetch: fetchOf(session),
    baseUrl: session.baseUrl,
    session,
  };
  // The types of `Needs` are the caller's; at run time every client is the same.
  return client as unknown as TriggerFlowClient<
    Missing<UserId, 'userId'> | Missing<OrgId, 'orgId'>
  >;
}
