/** An invalid request never gets a 5xx: the server must refuse it, not fail on it. */
import { documented, laneCheck, NOTHING_FOUND } from './check.js';

export const negativeNoServerError = laneCheck(['negative'], {
  id: 'negative:no-server-error',
  title: 'an invalid request gets no 5xx',
  scope: 'negative',
  verify: ({ answer }) =>
    answer.status >= 500 ? documented(`answered HTTP ${answer.status}`) : NOTHING_FOUND,
});
