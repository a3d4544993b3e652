/**
 * One exchange through the registry: every check of the given scope that applies to it, in the
 * registry's order, their violations together and the first hint.
 */

import type { ContractView } from '../contract/view.js';
import type { Check, CheckContext, Findings, Scope } from './check.js';
import type { Exchange } from './exchange.js';
import { quoted } from './quote.js';
import { CHECKS } from './registry.js';

export function evaluate(
  exchange: Exchange,
  scope: Scope,
  ctx: CheckContext,
  checks: readonly Check[] = CHECKS,
): Findings {
  const found: Findings = { violations: [] };
  for (const check of checks) {
    if (check.scope !== scope || !check.applies(exchange, ctx)) continue;
    const { violations, hint } = check.verify(exchange, ctx);
    found.violations.push(...violations);
    if (found.hint === undefined && hint !== undefined) found.hint = hint;
  }
  return found;
}

/** The context of the checks: the contract, and the run's redaction of what they quote. */
export function checkContext(
  view: ContractView,
  redact: (text: string) => string = (text) => text,
): CheckContext {
  return { view, quote: (value) => quoted(value, redact) };
}
