/**
 * An operation's success is not a business error: a refusal instead is said as the catalog entry
 * it is, with that entry's advice as the hint.
 */
import { adviceFor } from '../contract/advice.js';
import { laneCheck } from './check.js';
import { isSuccess, refusalOf, transactionFacts } from './transaction-facts.js';

export const successNotRefused = laneCheck(['transaction'], {
  id: 'transaction:success-not-refused',
  title: 'the success is not a business error',
  scope: 'transaction',
  applies: (exchange, ctx) => {
    const { entry, op, json, anotherAnswer } = transactionFacts(exchange, ctx);
    return !anotherAnswer && isSuccess(entry) && refusalOf(op, json) !== undefined;
  },
  verify: (exchange, ctx) => {
    const { entry, op, json } = transactionFacts(exchange, ctx);
    const refusal = refusalOf(op, json) as NonNullable<ReturnType<typeof refusalOf>>;
    return {
      violations: [
        {
          evidence: entry.facets.body,
          message: `the answer is ${refusal.said(ctx.quote)}, where the contract answers a success`,
        },
      ],
      ...(refusal.entry ? { hint: adviceFor(refusal.entry, exchange.outcome.call ?? {}) } : {}),
    };
  },
});
