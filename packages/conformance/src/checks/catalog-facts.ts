/**
 * A business error's transaction, part by part (the plan's `error`): what the catalog checks
 * read of it.
 */
import type { ExpectedError } from '../plan/transactions.js';
import type { TransactionExchange } from './exchange.js';
import { isObject } from './transaction-facts.js';

/** The expected business error, and the code the body carries (undefined: not an object). */
export function expectedError(
  exchange: TransactionExchange,
): { expected: ExpectedError; body?: Record<string, unknown> } | undefined {
  const expected = exchange.entry.error;
  if (!expected) return undefined;
  const json = exchange.outcome.answer?.json;
  return { expected, ...(isObject(json) ? { body: json } : {}) };
}

/** Does the body carry the expected code? Then its message and the rest are checked. */
export function codeMatches(exchange: TransactionExchange): boolean {
  const found = expectedError(exchange);
  return found?.body !== undefined && found.body[found.expected.codeField] === found.expected.code;
}
