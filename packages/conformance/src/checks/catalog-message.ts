/**
 * A business error with the right code has the catalog entry's message, with the evidence the
 * catalog gives the words: a difference in words the contract does not know is information,
 * never a failure, even with --strict.
 */

import { codeMatches, expectedError } from './catalog-facts.js';
import { laneCheck, NOTHING_FOUND } from './check.js';

export const catalogMessage = laneCheck(['transaction'], {
  id: 'catalog:message',
  title: "a business error has its catalog entry's message",
  scope: 'transaction',
  applies: (exchange) => codeMatches(exchange),
  verify: (exchange, { quote }) => {
    const { expected, body } = expectedError(exchange) as NonNullable<
      ReturnType<typeof expectedError>
    >;
    const msg = body?.msg;
    if (msg === expected.message) return NOTHING_FOUND;
    const evidence = expected.parts.message;
    return {
      violations: [
        {
          evidence,
          message:
            evidence === 'unknown'
              ? `msg is ${quote(msg)}, not the contract's example ${quote(expected.message)}, whose words are unknown`
              : `msg is ${quote(msg)}, where the contract says ${quote(expected.message)}`,
        },
      ],
    };
  },
});
