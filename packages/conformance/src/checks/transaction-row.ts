/**
 * A planned transaction's report row: the engine's outcome, held to the registry's transaction
 * checks, each failure one plain sentence in the run's own words. A transaction the engine did
 * not run, could not send or gave no verdict on fails, saying so; one the plan skips says why.
 *
 * A business error is checked part by part (catalog-*.ts), each part with the evidence its
 * catalog entry gives it, so a business error sent with HTTP 409 is an inferred violation (the
 * contract infers HTTP 200), a wrong documented message a documented one, and other words for a
 * token service code information. Where the server answered another entry of the catalog, the
 * row's hint is that entry's advice, filled with the request's values. A success on the run's
 * instance refused because the instance had already ended on its own is a skip that says so
 * (late-refusal.ts).
 */
import { type ContractView, ROLE_OPERATIONS } from '../contract/view.js';
import type { PlannedTransaction } from '../plan/transactions.js';
import type { CheckOutcome } from '../results/model.js';
import { excerpt, oneLine } from '../results/text.js';
import { checkContext, evaluate } from './evaluate.js';
import type { TransactionOutcome } from './exchange.js';
import { lateRefusalReason } from './late-refusal.js';

const SNIPPET = 300;

export interface RowContext {
  view: ContractView;
  /** Takes the run's secrets out of what the server answered, before it is cut. */
  redact(text: string): string;
  /** The engine's name, for a transaction it did not run or judge. */
  engine: string;
}

export function transactionCheck(
  entry: PlannedTransaction,
  outcome: TransactionOutcome | undefined,
  { view, redact, engine }: RowContext,
): CheckOutcome {
  const base = {
    id: entry.name,
    section: entry.operation === ROLE_OPERATIONS.token ? ('token' as const) : ('dredd' as const),
    title: entry.title,
    evidence: entry.evidence,
  };
  if (entry.skip !== undefined) return { ...base, violations: [], skipped: entry.skip };
  if (!outcome) {
    return {
      ...base,
      violations: [{ evidence: 'documented', message: `${engine} did not run this transaction` }],
    };
  }
  if (outcome.skipReason !== undefined) {
    return { ...base, violations: [], skipped: outcome.skipReason };
  }
  if (outcome.error) {
    return {
      ...base,
      violations: [{ evidence: 'documented', message: oneLine(redact(outcome.error)) }],
    };
  }
  const late =
    outcome.answer && lateRefusalReason(entry, view.op(entry.operation), outcome.answer.json);
  if (late) return { ...base, violations: [], skipped: late };
  if (outcome.skipped || !outcome.fields) {
    return {
      ...base,
      violations: [
        { evidence: 'documented', message: `${engine} gave no verdict on this transaction` },
      ],
    };
  }
  const { violations, hint } = evaluate(
    { lane: 'transaction', entry, outcome },
    'transaction',
    checkContext(view, redact),
  );
  const got = outcome.answer;
  const passReason = [`HTTP ${got?.status}`, outcome.note].filter(Boolean).join('; ');
  return {
    ...base,
    violations,
    passReason,
    ...(hint === undefined ? {} : { hint: oneLine(redact(hint)) }),
    ...(violations.length > 0 && got
      ? {
          details: [
            `HTTP ${got.status} ${got.contentType ?? '(no content type)'}: ${excerpt(oneLine(redact(got.text)), SNIPPET)}`,
            outcome.note,
          ]
            .filter(Boolean)
            .join('; '),
        }
      : {}),
  };
}
