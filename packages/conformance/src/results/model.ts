/**
 * A run's outcome: one row per check, each documented or inferred, with the violations found.
 * The status of a row follows from its violations and the run's strictness, in one place:
 * a documented violation fails, an inferred one warns (fails under --strict), and a difference
 * in a part the contract does not know (an `unknown` part, such as the words of a message whose
 * code alone is documented) is information, even under --strict.
 */
import type { Evidence, PartEvidence } from '@enos-trigger/spec';

export type { Evidence, PartEvidence };
export type Status = 'pass' | 'fail' | 'warn' | 'info' | 'skip';

export type Section =
  | 'token'
  | 'dredd'
  | 'semantic'
  | 'negative'
  | 'behaviour'
  | 'respect'
  | 'engine';

export interface Violation {
  /**
   * Whether the broken rule is documented or inferred in the contract; `unknown` for a
   * difference in a part the contract does not know, which is information only.
   */
  evidence: PartEvidence;
  /** One plain sentence. */
  message: string;
}

export interface CheckResult {
  id: string;
  section: Section;
  title: string;
  /** The evidence of the fact the check is about (its violations may carry their own). */
  evidence: Evidence;
  status: Status;
  /** Why it passed, failed, warned or was skipped, in one line. */
  reason: string;
  violations: Violation[];
  /** What the server answered, when that explains a failure. */
  details?: string;
  /** What to do about it: the contract's advice for the answer, filled with the run's values. */
  hint?: string;
}

export interface CheckOutcome {
  id: string;
  section: Section;
  title: string;
  evidence: Evidence;
  violations: Violation[];
  /** Set when the check did not run; the reason says why. */
  skipped?: string;
  /** What a pass means, for the table. */
  passReason?: string;
  details?: string;
  hint?: string;
}

/**
 * A documented violation fails; an inferred one warns, or fails under --strict; a difference in
 * an unknown part is information, whatever the mode.
 */
export function statusOf(violations: Violation[], strict: boolean): Status {
  if (violations.some((v) => v.evidence === 'documented')) return 'fail';
  if (violations.some((v) => v.evidence === 'inferred')) return strict ? 'fail' : 'warn';
  if (violations.length > 0) return 'info';
  return 'pass';
}

/** How a violation's evidence is said in front of its sentence. */
const PREFIX: Record<PartEvidence, string> = {
  documented: '',
  inferred: '(inferred) ',
  unknown: '(unknown) ',
};

export function toResult(outcome: CheckOutcome, strict: boolean): CheckResult {
  const { skipped, passReason, ...rest } = outcome;
  if (skipped !== undefined) return { ...rest, status: 'skip', reason: skipped };
  const status = statusOf(outcome.violations, strict);
  const reason =
    status === 'pass'
      ? (passReason ?? 'as the contract says')
      : outcome.violations.map((v) => `${PREFIX[v.evidence]}${v.message}`).join('; ');
  return { ...rest, status, reason };
}

export interface RunSummary {
  results: CheckResult[];
  counts: Record<Status, number>;
  /** 1 when a check failed, or the run stopped before its end. */
  exitCode: 0 | 1;
  /** Why the run stopped before its end (its deadline, a server that stopped answering). */
  stopped?: string;
}

/**
 * A stopped run fails (exit 1) whatever it checked until then: it proves nothing about the
 * checks it did not get to. Its verdict says why it stopped, not that the server broke the
 * contract.
 */
export function summarize(results: CheckResult[], stopped?: string): RunSummary {
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, info: 0, skip: 0 };
  for (const result of results) counts[result.status] += 1;
  return {
    results,
    counts,
    exitCode: counts.fail > 0 || stopped !== undefined ? 1 : 0,
    ...(stopped === undefined ? {} : { stopped }),
  };
}

/** The verdict of a run, in a few words. */
export function verdictOf(summary: RunSummary): string {
  if (summary.stopped !== undefined) return 'stopped before the end';
  return summary.exitCode === 0 ? 'conforms' : 'does not conform';
}
