/**
 * A run's outcome: one row per check, each documented or inferred, with the violations found.
 * The status of a row follows from its violations and the run's strictness, in one place.
 */
import type { Evidence } from '@enos-trigger/spec';

export type { Evidence };
export type Status = 'pass' | 'fail' | 'warn' | 'skip';

export type Section = 'token' | 'dredd' | 'semantic' | 'negative' | 'engine';

export interface Violation {
  /** Whether the broken rule is documented or inferred in the contract. */
  evidence: Evidence;
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
}

/** A documented violation fails; an inferred one warns, or fails under --strict. */
export function statusOf(violations: Violation[], strict: boolean): Status {
  if (violations.some((v) => v.evidence === 'documented')) return 'fail';
  if (violations.length > 0) return strict ? 'fail' : 'warn';
  return 'pass';
}

export function toResult(outcome: CheckOutcome, strict: boolean): CheckResult {
  const { skipped, passReason, ...rest } = outcome;
  if (skipped !== undefined) return { ...rest, status: 'skip', reason: skipped };
  const status = statusOf(outcome.violations, strict);
  const reason =
    status === 'pass'
      ? (passReason ?? 'as the contract says')
      : outcome.violations
          .map((v) => `${v.evidence === 'inferred' ? '(inferred) ' : ''}${v.message}`)
          .join('; ');
  return { ...rest, status, reason };
}

export interface RunSummary {
  results: CheckResult[];
  counts: Record<Status, number>;
  exitCode: 0 | 1;
}

export function summarize(results: CheckResult[]): RunSummary {
  const counts: Record<Status, number> = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const result of results) counts[result.status] += 1;
  return { results, counts, exitCode: counts.fail > 0 ? 1 : 0 };
}
