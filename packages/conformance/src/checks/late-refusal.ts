/**
 * An operation's success on the run's instance answered with the catalog entry that says the
 * instance ended on its own first (Cancel's "already finished"): on a real deployment a flow
 * that runs for seconds ends before the run gets to its cancel, and the server is right to say
 * so. The row is skipped with that reason rather than failed; the success itself is then not
 * checked (the behaviour lane, --behaviour, cancels an instance while it waits).
 *
 * Recognised by the whole entry, or, where no entry has the answer's words (a deployment's
 * message is not the contract's), by its code, and the reason says which.
 */
import { matchCatalog, type OperationView } from '../contract/view.js';
import type { PlannedTransaction } from '../plan/transactions.js';

export function lateRefusalReason(
  entry: PlannedTransaction,
  op: OperationView,
  json: unknown,
): string | undefined {
  const late = op.catalog.find((e) => e.name === entry.lateRefusal);
  if (late === undefined || typeof json !== 'object' || json === null) return undefined;
  const field = op.codeField;
  const code = (json as Record<string, unknown>)[field];
  const exact = matchCatalog(op, json);
  if (exact !== undefined ? exact.name !== late.name : code !== late.value[field]) {
    return undefined;
  }
  const how = exact === undefined ? ` (known by its ${field}; the words differ)` : '';
  return (
    `the instance had ended on its own before this request: the answer is ${late.summary}${how}, ` +
    'which the contract gives then. A flow that runs for seconds ends before the run gets here, ' +
    "so this success is not checked; --behaviour's rule 5 cancels an instance while it waits"
  );
}
