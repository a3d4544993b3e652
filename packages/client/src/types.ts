/**
 * The types the client's modules share, in a leaf module that imports nothing at run time, so
 * that dependencies run one way: client.ts → transport.ts, interpret.ts → types.ts. The
 * per-operation types are derived from the generated contract: an operation added to it has its
 * answer, query, body and catalog types here with no edit.
 */
import type { TriggerFlowFailure } from './failures.js';
import type { ErrorCatalogs, OperationId, Operations } from './generated/contract.js';

export type { OperationId, Route } from './generated/contract.js';

/** The body of an operation's 200 JSON answer, as the contract types it (every branch). */
export type OperationAnswer<Id extends OperationId> = Operations[Id] extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The success branch of an operation's answer: the one whose code field is 0. */
export type OperationSuccess<Id extends OperationId> = Extract<
  OperationAnswer<Id>,
  { code: 0 } | { status: 0 }
>;

/** The query parameters an operation takes, as the contract types them. */
export type OperationQuery<Id extends OperationId> = Operations[Id] extends {
  parameters: { query?: infer Query };
}
  ? Query
  : never;

/** The JSON request body of an operation; `undefined` for one without a body (a GET). */
export type OperationBody<Id extends OperationId> = Operations[Id] extends {
  requestBody: { content: { 'application/json': infer Body } };
}
  ? Body
  : undefined;

/** The codes of an operation's business error catalog. */
export type OperationErrorCode<Id extends OperationId> =
  ErrorCatalogs[Id][keyof ErrorCatalogs[Id]] extends { code: infer Code } ? Code : never;

export interface TriggerFlowSuccess {
  ok: true;
  flowInstanceId: OperationSuccess<'triggerFlow'>['data']['flowInstanceId'];
  /** The workflow the instance belongs to: the one its ID names (see `mismatch`). */
  flowId: number;
  /**
   * The instant the ID encodes: the trigger time to the minute, in UTC (an inferred rule).
   * Undefined when the service answers an ID outside the contract's form. Given by
   * createTriggerFlowClient; the standalone `triggerFlow` leaves it to
   * `parseFlowInstanceId(flowInstanceId)`, so that a small application does not carry it.
   */
  instant?: Date | undefined;
  requestId?: string;
  /**
   * Only when the instance ID names another flow than the one asked for (the mock answers
   * flow 3377's instance to every trigger; a real service should never): the flow asked for and
   * the flow the answer named, which `flowId` and `flowInstanceId` hold. The trigger still
   * counts as a success, as the service said; decide yourself whether to trust it.
   */
  mismatch?: { askedFlowId: number; answeredFlowId: number };
}

export type TriggerFlowResult = TriggerFlowSuccess | { ok: false; error: TriggerFlowFailure };
