/**
 * What the negative lane accepts as an answer to an invalid request: a documented error, and
 * nothing else (the registry's `negative` checks). The verdict of one answer is the first
 * problem they find, or, when they find none, the kind of documented error it was.
 */
import type { ContractView } from '../contract/view.js';
import { checkContext, evaluate } from './evaluate.js';
import type { NegativeExchange } from './exchange.js';
import { isServiceAnswer, negativeEntry } from './negative-facts.js';

export type Verdict = { ok: true; kind: string } | { ok: false; problem: string };

export function judge(view: ContractView, exchange: NegativeExchange): Verdict {
  const [first] = evaluate(exchange, 'negative', checkContext(view)).violations;
  if (first) return { ok: false, problem: first.message };
  const entry = isServiceAnswer(exchange)
    ? negativeEntry(view.op(exchange.operation), exchange)
    : undefined;
  return { ok: true, kind: entry ? String(entry.code) : `HTTP ${exchange.answer.status}` };
}
