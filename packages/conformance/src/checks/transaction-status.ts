/**
 * A transaction's answer has the status the plan expects (the documented answer's own, or a
 * gateway's), with the evidence the plan gives that part: a business error's HTTP 200 is
 * inferred.
 */
import { laneCheck, NOTHING_FOUND } from './check.js';
import { transactionFacts } from './transaction-facts.js';

export const transactionStatus = laneCheck(['transaction'], {
  id: 'transaction:status',
  title: 'the answer has the documented status',
  scope: 'transaction',
  applies: ({ outcome }) => outcome.fields?.statusCode !== undefined,
  verify: (exchange, ctx) => {
    const { entry, got, statusWrong } = transactionFacts(exchange, ctx);
    if (!statusWrong) return NOTHING_FOUND;
    return {
      violations: [
        {
          evidence: entry.facets.statusCode,
          message: `the answer is HTTP ${got?.status ?? 'nothing'}, where the contract answers HTTP ${entry.expectStatus}`,
        },
      ],
    };
  },
});
