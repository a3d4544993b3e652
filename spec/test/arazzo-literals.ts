/**
 * The literals the behaviour scenarios' success criteria compare answers with, read from their
 * conditions (`$response.body#/data/status == 8`, `$response.body#/code == 62103`), so that a
 * test can hold each to the contract it restates.
 */
import type { BehaviourStep, FlowInstanceStatusInfo } from '@enos-trigger/spec';

/** The FlowInstance fields of a status: its code and its name (`statusDesc`). */
const STATUS_CODE = /#\/(?:[^\s=!]*\/)?status\s*(==|!=)\s*(-?[0-9]+)/g;
const STATUS_NAME = /#\/(?:[^\s=!]*\/)?statusDesc\s*(==|!=)\s*"([^"]*)"/g;
/** The envelope's code: `$response.body#/code == 62103`. */
const ENVELOPE_CODE = /\$response\.body#\/code\s*==\s*(-?[0-9]+)/g;

function matches(step: BehaviourStep, pattern: RegExp): RegExpExecArray[] {
  return step.successCriteria.flatMap(({ condition }) => [...condition.matchAll(pattern)]);
}

/** The business codes a step expects its answer to carry. */
export function expectedCodes(step: BehaviourStep): number[] {
  return matches(step, ENVELOPE_CODE).map((m) => Number(m[1]));
}

/**
 * What is wrong with the status literals of a step, one sentence each: a code or name the
 * statuses do not have, or a code and a name compared alike (both `==`, or both `!=`) that are
 * not one status. Each comparison must name both, so a reader of the criteria sees which status
 * is meant, and a renumbered status cannot go unnoticed.
 */
export function statusLiteralProblems(
  step: BehaviourStep,
  statuses: readonly FlowInstanceStatusInfo[],
): string[] {
  const where = `step ${step.stepId}`;
  const problems: string[] = [];
  for (const operator of ['==', '!=']) {
    const codes = matches(step, STATUS_CODE)
      .filter((m) => m[1] === operator)
      .map((m) => Number(m[2]));
    const names = matches(step, STATUS_NAME)
      .filter((m) => m[1] === operator)
      .map((m) => m[2] as string);
    for (const code of codes) {
      const status = statuses.find((s) => s.code === code);
      if (!status) problems.push(`${where}: status ${operator} ${code} is no status code`);
      else if (!names.includes(status.name)) {
        problems.push(
          `${where}: status ${operator} ${code} comes without statusDesc ${operator} "${status.name}", its name`,
        );
      }
    }
    for (const name of names) {
      const status = statuses.find((s) => s.name === name);
      if (!status) problems.push(`${where}: statusDesc ${operator} "${name}" is no status name`);
      else if (!codes.includes(status.code)) {
        problems.push(
          `${where}: statusDesc ${operator} "${name}" comes without status ${operator} ${status.code}, its code`,
        );
      }
    }
  }
  return problems;
}
