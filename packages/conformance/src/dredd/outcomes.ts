/**
 * Dredd's verdict on each transaction, turned into report rows. Gavel checks three parts of an
 * answer (status, headers, body); each failing part is a violation with the evidence the plan
 * gives that part, so that, for example, a business error sent with HTTP 409 is an inferred
 * violation (the contract infers HTTP 200) while a wrong message is a documented one.
 */
import type { CheckOutcome, Violation } from '../results/model.js';
import type { FacetEvidence, PlannedTransaction } from './plan.js';
import type { TransactionOutcome } from './protocol.js';

const FACETS: [keyof FacetEvidence, string][] = [
  ['statusCode', 'status'],
  ['headers', 'headers'],
  ['body', 'body'],
];

const SNIPPET = 300;

export function transactionCheck(
  entry: PlannedTransaction,
  outcome: TransactionOutcome | undefined,
): CheckOutcome {
  const base = {
    id: entry.name,
    section: entry.operation === 'token' ? ('token' as const) : ('dredd' as const),
    title: entry.title,
    evidence: entry.evidence,
  };
  if (entry.skip !== undefined) return { ...base, violations: [], skipped: entry.skip };
  if (!outcome) {
    return {
      ...base,
      violations: [{ evidence: 'documented', message: 'Dredd did not run this transaction' }],
    };
  }
  if (outcome.error) {
    return { ...base, violations: [{ evidence: 'documented', message: outcome.error }] };
  }
  if (outcome.skipped || !outcome.fields) {
    return {
      ...base,
      violations: [
        { evidence: 'documented', message: 'Dredd gave no verdict on this transaction' },
      ],
    };
  }
  const violations: Violation[] = [];
  for (const [facet, label] of FACETS) {
    const field = outcome.fields[facet];
    if (!field || field.valid) continue;
    const messages = field.errors.length > 0 ? field.errors : ['does not match'];
    for (const message of messages) {
      violations.push({ evidence: entry.facets[facet], message: `${label}: ${oneLine(message)}` });
    }
  }
  const got = outcome.answer;
  const passReason = [`HTTP ${got?.status}`, outcome.note].filter(Boolean).join('; ');
  return {
    ...base,
    violations,
    passReason,
    ...(violations.length > 0 && got
      ? {
          details: [
            `got HTTP ${got.status} ${got.contentType ?? '(no content type)'}: ${oneLine(got.text).slice(0, SNIPPET)}`,
            outcome.note,
          ]
            .filter(Boolean)
            .join('; '),
        }
      : {}),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
