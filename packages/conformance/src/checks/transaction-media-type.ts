/** A transaction's answer has the documented media type (the engine's verdict on the headers). */
import { laneCheck, NOTHING_FOUND } from './check.js';
import { transactionFacts } from './transaction-facts.js';

export const transactionMediaType = laneCheck(['transaction'], {
  id: 'transaction:media-type',
  title: 'the answer has the documented content type',
  scope: 'transaction',
  applies: ({ outcome }) => outcome.fields?.headers !== undefined,
  verify: (exchange, ctx) => {
    if (exchange.outcome.fields?.headers?.valid) return NOTHING_FOUND;
    const { entry, got, op } = transactionFacts(exchange, ctx);
    return {
      violations: [
        {
          evidence: entry.facets.headers,
          message: `Content-Type is ${got?.contentType === undefined ? 'missing' : ctx.quote(got.contentType)}, where the contract says ${op.mediaType}`,
        },
      ],
    };
  },
});
