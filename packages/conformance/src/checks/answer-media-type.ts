/** Every answer of the run has the operation's media type (any parameters, such as a charset). */
import { mediaTypeEssence } from '../contract/media-type.js';
import { documented, laneCheck, NOTHING_FOUND } from './check.js';

export const answerMediaType = laneCheck(['observed', 'negative'], {
  id: 'answer:media-type',
  title: "every answer: the operation's media type",
  scope: 'every-answer',
  verify: ({ operation, answer }, { view }) => {
    const op = view.op(operation);
    return mediaTypeEssence(answer.contentType) === mediaTypeEssence(op.mediaType)
      ? NOTHING_FOUND
      : documented(`Content-Type is ${answer.contentType ?? 'missing'}, not ${op.mediaType}`);
  },
});
