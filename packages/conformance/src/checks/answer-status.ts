/** Every answer of the run has a status the contract documents for its operation. */
import { documented, laneCheck, NOTHING_FOUND } from './check.js';

export const answerStatus = laneCheck(['observed', 'negative'], {
  id: 'answer:status-documented',
  title: 'every answer: a status the contract documents for its operation',
  scope: 'every-answer',
  verify: ({ operation, answer }, { view }) => {
    const op = view.op(operation);
    return op.statuses.includes(answer.status)
      ? NOTHING_FOUND
      : documented(
          `HTTP ${answer.status} is not a status the contract documents for ${op.summary}`,
        );
  },
});
