/**
 * A transaction's body matches the documented answer's JSON Schema (the engine validated it
 * against the plan's draft-07 schema): one sentence for each place it found wrong. A business
 * error's body is catalog-body.ts's; a body after a wrong documented status is another
 * answer's, and a refused success is success-not-refused.ts's.
 */
import { laneCheck } from './check.js';
import { schemaSentences } from './schema-sentences.js';
import { isSuccess, refusalOf, transactionFacts } from './transaction-facts.js';

export const transactionBodySchema = laneCheck(['transaction'], {
  id: 'transaction:body-schema',
  title: "the body matches the documented answer's schema",
  scope: 'transaction',
  applies: (exchange, ctx) => {
    const { entry, op, json, anotherAnswer, bodyInvalid } = transactionFacts(exchange, ctx);
    const refused = isSuccess(entry) && refusalOf(op, json) !== undefined;
    return entry.error === undefined && !anotherAnswer && !refused && bodyInvalid;
  },
  verify: (exchange, ctx) => {
    const { entry, json } = transactionFacts(exchange, ctx);
    const pointers = exchange.outcome.fields?.body?.pointers ?? [];
    return {
      violations: schemaSentences(entry, json, pointers, ctx.quote).map((message) => ({
        evidence: entry.facets.body,
        message,
      })),
    };
  },
});
