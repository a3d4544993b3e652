/**
 * The one shape of a check (as Schemathesis' checks or Redocly's rules): an id, a title, the
 * kind of report row its findings go to, whether it applies to an exchange, and what it finds.
 * Every check is listed in registry.ts, and every lane evaluates its exchanges through it
 * (evaluate.ts).
 */
import type { ContractView } from '../contract/view.js';
import type { Violation } from '../results/model.js';
import type { Exchange, ExchangeOf, Lane } from './exchange.js';

/**
 * The rows a check's findings go to: one row for every answer of the run (`every-answer`), one
 * per planned transaction, one per negative category, one per instance-ID check.
 */
export type Scope = 'every-answer' | 'transaction' | 'negative' | 'instance-id';

export interface Findings {
  violations: Violation[];
  /** What to do about it: the contract's advice for the answer, filled in. */
  hint?: string;
}

export interface CheckContext {
  view: ContractView;
  /** A value of the answer as a sentence quotes it: JSON, redacted, one line, cut. */
  quote(value: unknown): string;
}

export interface Check {
  id: string;
  title: string;
  scope: Scope;
  applies(exchange: Exchange, ctx: CheckContext): boolean;
  /** Called only where it applies. */
  verify(exchange: Exchange, ctx: CheckContext): Findings;
}

export const NOTHING_FOUND: Findings = { violations: [] };

/** One documented violation, in one sentence. */
export function documented(message: string): Findings {
  return { violations: [{ evidence: 'documented', message }] };
}

/** A check of some lanes' exchanges: its `applies` and `verify` see only those. */
export function laneCheck<L extends Lane>(
  lanes: readonly L[],
  check: Pick<Check, 'id' | 'title' | 'scope'> & {
    applies?(exchange: ExchangeOf<L>, ctx: CheckContext): boolean;
    verify(exchange: ExchangeOf<L>, ctx: CheckContext): Findings;
  },
): Check {
  const inLane = (exchange: Exchange): exchange is ExchangeOf<L> =>
    (lanes as readonly Lane[]).includes(exchange.lane);
  return {
    id: check.id,
    title: check.title,
    scope: check.scope,
    applies: (exchange, ctx) => inLane(exchange) && (check.applies?.(exchange, ctx) ?? true),
    verify: (exchange, ctx) => (inLane(exchange) ? check.verify(exchange, ctx) : NOTHING_FOUND),
  };
}
