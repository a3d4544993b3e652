/** Any other answer to an invalid request has a status the contract documents. */
import { documented, laneCheck, NOTHING_FOUND } from './check.js';

export const negativeDocumentedStatus = laneCheck(['negative'], {
  id: 'negative:documented-status',
  title: 'an invalid request gets a documented status',
  scope: 'negative',
  applies: ({ category, answer }) => category !== 'bad-signatures' && answer.status !== 200,
  verify: ({ operation, answer }, { view }) =>
    view.op(operation).statuses.includes(answer.status)
      ? NOTHING_FOUND
      : documented(`answered HTTP ${answer.status}, which the contract does not document`),
});
