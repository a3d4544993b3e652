/**
 * A request with a bad signature gets the operation's documented 401 itself (the gateway's
 * statuses, as the contract gives them), and not whatever error the service would give.
 */
import { documented, laneCheck, NOTHING_FOUND } from './check.js';

export const negativeSignatureRefused = laneCheck(['negative'], {
  id: 'negative:signature-refused',
  title: "a badly signed request gets the gateway's documented 401",
  scope: 'negative',
  applies: ({ category, operation }, { view }) =>
    category === 'bad-signatures' && view.op(operation).gateway.some((g) => g.status === 401),
  verify: ({ answer, operation }, { view }) => {
    const unauthorized = view.op(operation).gateway.find((g) => g.status === 401)?.status;
    return answer.status === unauthorized
      ? NOTHING_FOUND
      : documented(`answered HTTP ${answer.status}, not ${unauthorized}`);
  },
});
