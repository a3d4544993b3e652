/**
 * Every answer of the run, whichever check caused it, must have a status the contract documents
 * for its operation, the documented media type, and, on a 200, the operation's envelope: the
 * fields both branches of the answer require (`code`/`msg` for Trigger Flow, `status`/`msg`
 * for the token service), never the other envelope (v2.0's `status` on Trigger Flow).
 */
import { answerBranches } from '../contract/branches.js';
import type { ContractView, OperationView } from '../contract/view.js';
import type { Observation } from '../dredd/protocol.js';
import { mediaTypeEssence } from '../dredd/transaction.js';
import { parseJson } from '../http/api.js';
import type { CheckOutcome, Violation } from '../results/model.js';

const EXAMPLES = 5;

export function envelopeFields(op: OperationView): string[] {
  const required = (schema: Record<string, unknown>) => (schema.required ?? []) as string[];
  const { success, error } = answerBranches(op);
  const inError = new Set(required(error));
  return required(success).filter((field) => inError.has(field));
}

/** The problems of one answer, empty when it is fine. */
export function envelopeProblems(view: ContractView, observation: Observation): string[] {
  const op = view.op(observation.operation);
  // The code fields of the other operations: a body with one of them instead of its own is the
  // envelope of another service version.
  const others = [
    ...new Set(view.operations.filter((o) => o !== op).map((o) => o.codeField)),
  ].filter((field) => field !== op.codeField);
  const problems: string[] = [];
  if (!op.statuses.includes(observation.status)) {
    problems.push(
      `HTTP ${observation.status} is not a status the contract documents for ${op.summary}`,
    );
  }
  if (mediaTypeEssence(observation.contentType) !== mediaTypeEssence(op.mediaType)) {
    problems.push(`Content-Type is ${observation.contentType ?? 'missing'}, not ${op.mediaType}`);
  }
  if (observation.status === 200) {
    const body = parseJson(observation.text);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      problems.push('the body is not a JSON object');
    } else {
      const fields = body as Record<string, unknown>;
      const missing = envelopeFields(op).filter((f) => !(f in fields));
      const code = op.codeField;
      const foreign = others.find((field) => field in fields);
      if (missing.length > 0) {
        problems.push(
          `the envelope has no ${missing.join(', ')}${foreign !== undefined && !(code in fields) ? ` (it carries "${foreign}", the envelope of another service version)` : ''}`,
        );
      } else if (!Number.isInteger(fields[code])) {
        problems.push(`"${code}" is ${JSON.stringify(fields[code])}, not an integer`);
      }
    }
  }
  return problems;
}

/**
 * The envelope check, fed one answer at a time: it keeps each problem and the labels of the
 * answers that have it, never the answers, so a long run against a server that answers a lot
 * holds no more than that.
 */
export class EnvelopeCheck {
  private readonly grouped = new Map<string, { count: number; labels: string[] }>();
  private answers = 0;

  constructor(private readonly view: ContractView) {}

  readonly add = (observation: Observation): void => {
    this.answers += 1;
    for (const problem of envelopeProblems(this.view, observation)) {
      const seen = this.grouped.get(problem) ?? { count: 0, labels: [] };
      seen.count += 1;
      if (seen.labels.length < EXAMPLES) seen.labels.push(observation.label);
      this.grouped.set(problem, seen);
    }
  };

  check(): CheckOutcome {
    const { view } = this;
    const violations: Violation[] = [...this.grouped].map(([problem, { count, labels }]) => ({
      evidence: 'documented',
      message: `${problem} (${count} answer${count > 1 ? 's' : ''}, e.g. ${labels.join(' | ')})`,
    }));
    return {
      id: 'semantic:envelope',
      section: 'semantic',
      title: `every answer: a documented status, ${view.trigger.mediaType}, and on a 200 the envelope (${envelopeFields(view.trigger).join(', ')} for ${view.trigger.summary})`,
      evidence: 'documented',
      violations,
      passReason: `${this.answers} answers`,
    };
  }
}
