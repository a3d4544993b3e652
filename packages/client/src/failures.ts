/**
 * Every way a trigger can fail, as data: a discriminated union on `kind`, and for business
 * errors on `code`. Each failure says what happened and what to do next in `message`, and
 * whether a run may have started in `mayHaveTriggered`, the one thing a caller must know
 * before trying again.
 */
import type {
  ErrorCatalogs,
  GatewayStatus,
  TriggerFlowErrorCatalog,
  TriggerFlowErrorCode,
} from './generated/contract.js';

export type { ErrorCatalogs, GatewayStatus, TriggerFlowErrorCatalog, TriggerFlowErrorCode };

/** The APIM token service's errors (`getAccessToken`'s catalog). */
export type TokenErrorCatalog = ErrorCatalogs['getAccessToken'];
export type TokenErrorCode = TokenErrorCatalog[keyof TokenErrorCatalog]['code'];

interface FailureBase {
  /** What happened and what to do next. Never contains the app secret or the token. */
  message: string;
  /**
   * True when the trigger may have reached EnOS, so a run may have started: look at the
   * workflow's instances before you trigger again. False when it provably did not start.
   */
  mayHaveTriggered: boolean;
}

/**
 * The service refused the trigger: HTTP 200 with a non-zero `code` that the contract lists.
 * One variant per code of the contract's error catalog, so a comparison with a code the
 * contract does not list does not compile. Its `message` gives the code and `msg`, then the
 * contract's advice for the entry, filled in with the call's flowId, userId, minute (UTC) and
 * the instance ID of that minute. `mayHaveTriggered` is false, but for 62109 (the service
 * failed: a run may or may not have started) and a same-minute 62102 on a retry.
 */
export type BusinessError = {
  [Name in keyof TriggerFlowErrorCatalog]: FailureBase & {
    kind: 'business';
    code: TriggerFlowErrorCatalog[Name]['code'];
    /**
     * The service's own message. TriggerFlowErrorCatalog gives the documented and inferred
     * texts; where the words are unknown its `message` is `string`: narrow on `code`.
     */
    msg: string;
    requestId?: string;
    /**
     * Only on a retry refused because the minute already has an instance (62102): the
     * instance an earlier attempt of the call probably created. `mayHaveTriggered` is then true.
     */
    flowInstanceId?: string;
  };
}[keyof TriggerFlowErrorCatalog];

/** The API gateway answered one of the HTTP statuses the contract documents. */
export interface GatewayFailure extends FailureBase {
  kind: 'gateway';
  status: GatewayStatus;
  /** The gateway's `message`, when its body had one. */
  gatewayMessage?: string;
  /** From a `Retry-After` header, when the answer had one. */
  retryAfterMs?: number;
  /** How many times the request was sent (retries of 429, 503 and refused connections). */
  attempts: number;
}

/** The APIM token service refused to give a token (its envelope's `status` is not 0). */
export interface AuthFailure extends FailureBase {
  kind: 'auth';
  status: TokenErrorCode;
  msg: string;
}

/** No answer could be read: the connection was refused, reset, or the host is unknown. */
export interface NetworkFailure extends FailureBase {
  kind: 'network';
  cause: unknown;
}

/** The call's `timeoutMs` ran out (it covers the token request, retries and the trigger). */
export interface TimeoutFailure extends FailureBase {
  kind: 'timeout';
  timeoutMs: number;
}

/** The caller's own `signal` aborted the call. */
export interface AbortedFailure extends FailureBase {
  kind: 'aborted';
}

/**
 * An answer outside the contract: an undocumented status or code, a body not in shape or
 * longer than `maxResponseBytes`, a redirect (never followed).
 */
export interface UnexpectedResponse extends FailureBase {
  kind: 'unexpected-response';
  status: number;
}

/** An argument was wrong: nothing was sent. */
export interface InvalidArgument extends FailureBase {
  kind: 'invalid-argument';
  argument: 'flowId' | 'triggerTime' | 'userId' | 'orgId';
}

export type TriggerFlowFailure =
  | BusinessError
  | GatewayFailure
  | AuthFailure
  | NetworkFailure
  | TimeoutFailure
  | AbortedFailure
  | UnexpectedResponse
  | InvalidArgument;

/** The thrown form of a failure, for callers who prefer exceptions (see `unwrap`). */
export class TriggerFlowError extends Error {
  override name = 'TriggerFlowError';
  constructor(readonly failure: TriggerFlowFailure) {
    super(failure.message);
  }
}

/** The operations on workflow instances: Get, List and Cancel Flow Instance. */
export type InstanceOperationId = 'getFlowInstance' | 'listFlowInstances' | 'cancelFlowInstance';

/** A failure of any operation: the trigger's kinds, without what only a trigger says. */
type Shared<Failure> = Failure extends unknown ? Omit<Failure, 'mayHaveTriggered'> : never;

/**
 * The service refused an instance operation: one variant per code of the operation's catalog
 * (`<OperationId>ErrorCatalog`), so a comparison with a code it does not list does not compile.
 * Its `message` gives the code and `msg`, then the contract's advice for the entry.
 */
export type InstanceBusinessError<Id extends InstanceOperationId> = {
  [Name in keyof ErrorCatalogs[Id]]: {
    kind: 'business';
    message: string;
    code: ErrorCatalogs[Id][Name] extends { code: infer Code } ? Code : never;
    /** The service's own message. */
    msg: string;
    requestId?: string;
  };
}[keyof ErrorCatalogs[Id]];

/** An argument of an instance operation was wrong: nothing was sent. */
export interface InstanceInvalidArgument {
  kind: 'invalid-argument';
  message: string;
  argument: 'flowInstanceId' | 'userId' | 'orgId' | 'pageSize' | 'maxPages';
}

/**
 * An option of a wait (`waitForFlowInstance`, `triggerFlowAndWait`) was not ms from 1 to
 * 2147483647: nothing was sent.
 */
export interface WaitInvalidArgument {
  kind: 'invalid-argument';
  message: string;
  argument: 'timeoutMs' | 'intervalMs' | 'maxIntervalMs';
}

/**
 * How an instance operation can fail. A read (get, list) changes nothing, so its failures say
 * nothing about an effect; a cancel's say in `mayHaveCancelled` whether it may have reached
 * EnOS (then get the instance before you cancel again).
 */
export type InstanceFailure<Id extends InstanceOperationId> =
  | InstanceBusinessError<Id>
  | InstanceInvalidArgument
  | Shared<Exclude<TriggerFlowFailure, BusinessError | InvalidArgument>>;

export type CancelFailure = InstanceFailure<'cancelFlowInstance'> & { mayHaveCancelled: boolean };
