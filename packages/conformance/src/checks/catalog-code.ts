/**
 * A business error's transaction is refused, with the catalog entry's code: a success instead
 * is against the entry's `when`; another code against its `code` and its `when` (the weaker of
 * the two), with the advice of the entry the server answered as the hint.
 */
import type { PartEvidence } from '@enos-trigger/spec';
import { adviceFor } from '../contract/advice.js';
import { answeredEntry } from '../contract/view.js';
import { expectedError } from './catalog-facts.js';
import { laneCheck, NOTHING_FOUND } from './check.js';
import { transactionFacts } from './transaction-facts.js';

const WEAKNESS: Record<PartEvidence, number> = { documented: 0, inferred: 1, unknown: 2 };

/** The weaker of two parts' evidence: a fact resting on both is no stronger than either. */
export function weakest(...parts: PartEvidence[]): PartEvidence {
  return parts.reduce((a, b) => (WEAKNESS[b] > WEAKNESS[a] ? b : a), 'documented');
}

export const catalogCode = laneCheck(['transaction'], {
  id: 'catalog:code',
  title: "a business error is refused with its catalog entry's code",
  scope: 'transaction',
  applies: (exchange) => exchange.entry.error !== undefined,
  verify: (exchange, ctx) => {
    const { entry, op } = transactionFacts(exchange, ctx);
    const { expected, body } = expectedError(exchange) as NonNullable<
      ReturnType<typeof expectedError>
    >;
    const { parts, codeField, summary: wanted } = expected;
    const violation = (evidence: PartEvidence, message: string) => ({
      violations: [{ evidence, message }],
    });
    if (body === undefined) {
      return violation(
        entry.facets.body,
        `the body is not a JSON object, where the contract answers ${wanted}`,
      );
    }
    const code = body[codeField];
    if (code === undefined) {
      return violation(
        entry.facets.body,
        `the body has no "${codeField}", where the contract answers ${wanted}`,
      );
    }
    if (code === op.successValue[codeField]) {
      return violation(
        parts.when,
        `the request was accepted (${codeField} ${ctx.quote(code)}, a success), where the contract refuses it with ${wanted}`,
      );
    }
    if (code === expected.code) return NOTHING_FOUND;
    const answered = answeredEntry(op, body);
    return {
      ...violation(
        weakest(parts.code, parts.when),
        `${codeField} is ${ctx.quote(code)}${answered ? ` (${answered.summary})` : ''}, where the contract answers ${wanted}`,
      ),
      ...(answered ? { hint: adviceFor(answered, exchange.outcome.call ?? {}) } : {}),
    };
  },
});
