/**
 * What the transaction checks read of a transaction exchange, derived once in one place: its
 * operation, the answer, and the engine's verdict on each part.
 */
import {
  answeredEntry,
  type CatalogExample,
  type OperationView,
  roleOf,
} from '../contract/view.js';
import { type PlannedTransaction, successProvocation } from '../plan/transactions.js';
import type { CheckContext } from './check.js';
import type { TransactionExchange } from './exchange.js';

export interface TransactionFacts {
  op: OperationView;
  entry: PlannedTransaction;
  got: TransactionExchange['outcome']['answer'];
  json: unknown;
  statusWrong: boolean;
  bodyInvalid: boolean;
  /** A documented status is wrong: the body is another answer's, so nothing more is said of it. */
  anotherAnswer: boolean;
}

export function transactionFacts(
  { entry, outcome }: TransactionExchange,
  { view }: CheckContext,
): TransactionFacts {
  const fields = outcome.fields ?? {};
  const statusWrong = fields.statusCode !== undefined && !fields.statusCode.valid;
  return {
    op: view.op(entry.operation),
    entry,
    got: outcome.answer,
    json: outcome.answer?.json,
    statusWrong,
    bodyInvalid: fields.body !== undefined && !fields.body.valid,
    anotherAnswer: statusWrong && entry.facets.statusCode === 'documented',
  };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Is the entry an operation's documented success (its 200 answer's success branch)? */
export function isSuccess(entry: PlannedTransaction): boolean {
  return entry.provocation === successProvocation(roleOf(entry.operation));
}

/** A business error instead of a success: how to say it, and its catalog entry if it has one. */
export function refusalOf(
  op: OperationView,
  json: unknown,
): { said(quote: (v: unknown) => string): string; entry?: CatalogExample } | undefined {
  if (!isObject(json)) return undefined;
  const field = op.codeField;
  const code = json[field];
  // Not an integer (a code sent as a string, say): a malformed answer, for the schema to tell.
  if (!Number.isInteger(code) || code === op.successValue[field]) return undefined;
  const entry = answeredEntry(op, json);
  return {
    ...(entry ? { entry } : {}),
    said: (quote) =>
      entry ? `${entry.summary} (${field} ${quote(code)})` : `an error (${field} ${quote(code)})`,
  };
}
