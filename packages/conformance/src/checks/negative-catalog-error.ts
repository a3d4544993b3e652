/**
 * A business error that answers an invalid request is one of the catalog's, and not the
 * service's own internal error, which is no answer to a bad request.
 */
import { documented, laneCheck, NOTHING_FOUND } from './check.js';
import { codeOf, isServiceAnswer, negativeEntry } from './negative-facts.js';

const INTERNAL_ERROR = 'internalError';

export const negativeCatalogError = laneCheck(['negative'], {
  id: 'negative:catalog-error',
  title: 'a business error that answers an invalid request is in the catalog',
  scope: 'negative',
  applies: (exchange, { view }) => {
    const op = view.op(exchange.operation);
    return isServiceAnswer(exchange) && codeOf(op, exchange) !== op.successValue[op.codeField];
  },
  verify: (exchange, { view }) => {
    const entry = negativeEntry(view.op(exchange.operation), exchange);
    if (!entry) return documented('answered a business error the catalog does not have');
    return entry.name === INTERNAL_ERROR ? documented(`answered ${entry.summary}`) : NOTHING_FOUND;
  },
});
