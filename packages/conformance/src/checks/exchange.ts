/**
 * What a check is given: one exchange of the run with the server, whichever lane made it. The
 * engine's transactions, the negative lane's generated requests, every other answer the run saw
 * (its token, a minute already taken, a token asked again) and the success trigger's record
 * are all exchanges, told apart by their lane; each check says which it applies to.
 */
import type { CallValues } from '../contract/advice.js';
import type { Category } from '../plan/negative-cases.js';
import type { PlannedTransaction } from '../plan/transactions.js';

/** An answer of the server. */
export interface Answer {
  status: number;
  /** The Content-Type header as sent, or undefined. */
  contentType: string | undefined;
  text: string;
  /** The body parsed, where the lane parsed it (undefined when it is not JSON). */
  json?: unknown;
}

/**
 * An engine's verdict on one part of an answer, against the plan entry's expectation: valid or
 * not, and where each problem is (a JSON pointer into the body; empty when it gave none). Only
 * where: the checks say what is wrong in the run's own words, never in the engine's.
 */
export interface PartVerdict {
  valid: boolean;
  pointers: string[];
}

/** What an engine reports of one planned transaction. */
export interface TransactionOutcome {
  name: string;
  /** The engine skipped it (the plan says why, or `skipReason`). */
  skipped: boolean;
  /**
   * Why it was skipped though the plan sends it: a value its request takes from an earlier
   * answer (a contract link) never came.
   */
  skipReason?: string;
  /** A hook or the request failed before there was an answer to validate. */
  error?: string;
  fields?: { statusCode?: PartVerdict; headers?: PartVerdict; body?: PartVerdict };
  answer?: Answer & {
    /** An excerpt of the body, redacted. */
    text: string;
    /** The whole body parsed (redacted first), or undefined when it is not JSON. */
    json?: unknown;
  };
  /** The flow, user and trigger time the request named: they fill the advice of its answer. */
  call?: CallValues;
  /** Anything the engine did that the report should say, e.g. a minute that was taken. */
  note?: string;
}

/** The run's success trigger, after any minute that was already taken. */
export interface TriggerRecord {
  flowId: number;
  /** The user the trigger was sent as. */
  userId?: string;
  triggerTime: number;
  /** The minute the run's instance is in: later requests reuse it, so they start no other. */
  minute: number;
  answer: { status: number; json: unknown };
  /** The minutes that were already taken. */
  taken: number[];
}

/** The negative lane's categories, and `parameters` for the generated requests of an operation without a role (its query and its body). */
export type NegativeCategory = Category | 'parameters';

interface Seen {
  /** The contract's operationId. */
  operation: string;
  /** What the report calls the request. */
  label: string;
  answer: Answer;
}

/** An answer held only to the rules of every answer. */
export interface ObservedExchange extends Seen {
  lane: 'observed';
}

/** A generated invalid request's answer: it must be a documented error. */
export interface NegativeExchange extends Seen {
  lane: 'negative';
  category: NegativeCategory;
}

/** A planned transaction, with the engine's outcome. */
export interface TransactionExchange {
  lane: 'transaction';
  entry: PlannedTransaction;
  outcome: TransactionOutcome;
}

/** The success trigger's answer, with the instance ID it gave. */
export interface TriggerExchange {
  lane: 'success-trigger';
  record: TriggerRecord;
  flowInstanceId: string;
}

export type Exchange = ObservedExchange | NegativeExchange | TransactionExchange | TriggerExchange;
/** The exchanges with an answer of their own, held to the rules of every answer. */
export type AnswerExchange = ObservedExchange | NegativeExchange;
export type Lane = Exchange['lane'];
export type ExchangeOf<L extends Lane> = Extract<Exchange, { lane: L }>;

/** An answer the run saw, for the rules of every answer. */
export function observed(operation: string, label: string, answer: Answer): ObservedExchange {
  const { status, contentType, text } = answer;
  return { lane: 'observed', operation, label, answer: { status, contentType, text } };
}
