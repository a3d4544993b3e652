/** What the negative checks read of an answer to an invalid request. */
import {
  type CatalogExample,
  catalogByCode,
  matchCatalog,
  type OperationView,
} from '../contract/view.js';
import type { NegativeExchange } from './exchange.js';

/** A body-level answer of the service (HTTP 200), outside the bad-signatures category. */
export function isServiceAnswer({ category, answer }: NegativeExchange): boolean {
  return category !== 'bad-signatures' && answer.status === 200;
}

/** The code the answer's body carries in the operation's code field. */
export function codeOf(op: OperationView, { answer }: NegativeExchange): unknown {
  return (answer.json as Record<string, unknown> | undefined)?.[op.codeField];
}

/**
 * The catalog entry a business error answer is. By its code: the words are checked where the
 * contract documents them (the transaction rows); here, a code of the catalog whose message the
 * contract does not document is enough.
 */
export function negativeEntry(
  op: OperationView,
  { answer }: NegativeExchange,
): CatalogExample | undefined {
  return (
    matchCatalog(op, answer.json) ??
    catalogByCode(op, answer.json).find((e) => e.parts.message !== 'documented')
  );
}
