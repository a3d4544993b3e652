/** An invalid request is never accepted as a success. */
import { documented, laneCheck, NOTHING_FOUND } from './check.js';
import { codeOf, isServiceAnswer } from './negative-facts.js';

export const negativeNotAccepted = laneCheck(['negative'], {
  id: 'negative:not-accepted',
  title: 'an invalid request is not accepted',
  scope: 'negative',
  applies: (exchange) => isServiceAnswer(exchange),
  verify: (exchange, { view }) => {
    const op = view.op(exchange.operation);
    return codeOf(op, exchange) === op.successValue[op.codeField]
      ? documented('accepted it as a success')
      : NOTHING_FOUND;
  },
});
