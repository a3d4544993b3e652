/**
 * Every 200 answer has its operation's envelope: the fields both branches of the answer require
 * (`code`/`msg` for Trigger Flow, `status`/`msg` for the token service), with an integer in the
 * operation's code field (the spec's envelopeCodeField), and never the envelope of another
 * operation (v2.0's `status` on Trigger Flow).
 */
import { answerBranches } from '../contract/branches.js';
import type { OperationView } from '../contract/view.js';
import { parseJson } from '../http/api.js';
import { documented, laneCheck, NOTHING_FOUND } from './check.js';

/** The fields both branches of the operation's 200 answer require. */
export function envelopeFields(op: OperationView): string[] {
  const required = (schema: Record<string, unknown>) => (schema.required ?? []) as string[];
  const { success, error } = answerBranches(op);
  const inError = new Set(required(error));
  return required(success).filter((field) => inError.has(field));
}

export const answerEnvelope = laneCheck(['observed', 'negative'], {
  id: 'answer:envelope',
  title: "every 200 answer: the operation's envelope, its code an integer",
  scope: 'every-answer',
  applies: ({ answer }) => answer.status === 200,
  verify: ({ operation, answer }, { view }) => {
    const op = view.op(operation);
    const body = parseJson(answer.text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return documented('the body is not a JSON object');
    }
    const fields = body as Record<string, unknown>;
    const code = op.codeField;
    const missing = envelopeFields(op).filter((f) => !(f in fields));
    if (missing.length > 0) {
      // The code fields of the other operations: a body with one of them instead of its own is
      // the envelope of another service version.
      const others = [...new Set(view.operations.map((o) => o.codeField))].filter(
        (field) => field !== code,
      );
      const foreign = others.find((field) => field in fields);
      return documented(
        `the envelope has no ${missing.join(', ')}${foreign !== undefined && !(code in fields) ? ` (it carries "${foreign}", the envelope of another service version)` : ''}`,
      );
    }
    return Number.isInteger(fields[code])
      ? NOTHING_FOUND
      : documented(`"${code}" is ${JSON.stringify(fields[code])}, not an integer`);
  },
});
