/**
 * The row of every answer of the run, whichever lane drew it: the registry's `every-answer`
 * checks (a documented status, the documented media type, on a 200 the operation's envelope),
 * fed one exchange at a time. It keeps each problem and the labels of the answers that have it,
 * never the answers, so a long run against a server that answers a lot holds no more than that.
 */
import type { ContractView } from '../contract/view.js';
import type { CheckOutcome, Violation } from '../results/model.js';
import { envelopeFields } from './answer-envelope.js';
import { checkContext, evaluate } from './evaluate.js';
import type { AnswerExchange } from './exchange.js';

const EXAMPLES = 5;

/** The problems of one answer, empty when it is fine. */
export function envelopeProblems(view: ContractView, exchange: AnswerExchange): string[] {
  return evaluate(exchange, 'every-answer', checkContext(view)).violations.map((v) => v.message);
}

export class EnvelopeCheck {
  private readonly grouped = new Map<string, { count: number; labels: string[] }>();
  private answers = 0;

  constructor(private readonly view: ContractView) {}

  readonly add = (exchange: AnswerExchange): void => {
    this.answers += 1;
    for (const problem of envelopeProblems(this.view, exchange)) {
      const seen = this.grouped.get(problem) ?? { count: 0, labels: [] };
      seen.count += 1;
      if (seen.labels.length < EXAMPLES) seen.labels.push(exchange.label);
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
