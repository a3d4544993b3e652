/**
 * The rest of a business error's body (the envelope's schema, `data: null`) matches the
 * contract; its code and its message are the other catalog checks' (the engine's schema does
 * not pin them).
 */

import { codeMatches } from './catalog-facts.js';
import { laneCheck } from './check.js';
import { schemaSentences } from './schema-sentences.js';
import { transactionFacts } from './transaction-facts.js';

export const catalogBody = laneCheck(['transaction'], {
  id: 'catalog:body',
  title: "a business error's body matches the error envelope's schema",
  scope: 'transaction',
  applies: (exchange, ctx) => codeMatches(exchange) && transactionFacts(exchange, ctx).bodyInvalid,
  verify: (exchange, ctx) => {
    const { entry, json } = transactionFacts(exchange, ctx);
    const codeField = entry.error?.codeField;
    const pointers = exchange.outcome.fields?.body?.pointers ?? [];
    const handled = new Set([`/${codeField}`, '/msg']);
    const rest = pointers.filter((p) => !handled.has(p));
    if (rest.length === 0 && pointers.length > 0) return { violations: [] };
    return {
      violations: schemaSentences(entry, json, rest, ctx.quote).map((message) => ({
        evidence: entry.facets.body,
        message,
      })),
    };
  },
});
