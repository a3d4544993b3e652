/**
 * The one shape of a behaviour rule (as a check of the checks registry): an id, the title its
 * row names it by, the evidence of the fact it is about, where that fact is written, and a
 * judgement of what the lane saw. Each violation carries its own evidence: a rule may hold a
 * documented part (it fails) and an inferred one (it warns, and fails under --strict). Every
 * rule is listed in registry.ts; a new rule is a module there.
 */
import type { Evidence, Violation } from '../results/model.js';
import type { LaneContract } from './contract.js';
import type { WaitLimits } from './poll.js';
import type { LaneRecord } from './record.js';

export interface RuleContext {
  contract: LaneContract;
  limits: WaitLimits;
  /** The lane's time: `sandbox` when it moved the bundled sandbox's clock. */
  clock: 'real' | 'sandbox';
  /** Why the lane has no other user to ask as (rule 6), when it has none. */
  noForeignUser?: string;
}

export interface Verdict {
  violations: Violation[];
  /** The rule was not judged: why. */
  skipped?: string;
  /** What a pass means here, in a few words. */
  passReason?: string;
  /** What the lane saw, when it explains a failure. */
  details?: string;
}

export interface BehaviourRule {
  id: string;
  title: string;
  evidence: Evidence;
  /** Where the rule is written: the contract's words, or the notes' (enos-api.md). */
  basis: string;
  judge(record: LaneRecord, ctx: RuleContext): Verdict;
}

export function skip(reason: string): Verdict {
  return { violations: [], skipped: reason };
}

export function documented(message: string): Violation {
  return { evidence: 'documented', message };
}

export function inferred(message: string): Violation {
  return { evidence: 'inferred', message };
}
