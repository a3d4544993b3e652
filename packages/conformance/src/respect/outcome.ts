/**
 * What a Respect run found, in the suite's words: each workflow Respect ran, each step it ran,
 * and each check of the step with its verdict and message. A workflow stops at its first
 * failing step, so a failed workflow lists the steps up to that one.
 */

export interface RespectCheck {
  /** Respect's name of the check: "success criteria check", "status code check", "schema check", … */
  name: string;
  passed: boolean;
  /** Respect's explanation, without terminal colours, cut to a readable length. */
  message: string;
  /** "error" fails the step; "warn" and "off" do not. */
  severity: string;
}

export interface RespectStep {
  /** The Arazzo stepId (for a step that runs another workflow, that step's id). */
  id: string;
  /** No check of severity "error" failed. */
  passed: boolean;
  checks: RespectCheck[];
}

export interface RespectWorkflow {
  /** The Arazzo workflowId. */
  id: string;
  passed: boolean;
  steps: RespectStep[];
}

export interface RespectOutcome {
  workflows: RespectWorkflow[];
  /** Wall time of the Respect process, in ms. */
  durationMs: number;
  /** Respect stopped at its --execution-timeout: the workflows it did not finish are failed. */
  timedOut: boolean;
  /** Where Respect's own JSON report was kept (with `reportDir`), else undefined. */
  reportFile?: string;
}

/** Respect could not run, or gave no report the runner can read. The message says what to do. */
export class RespectError extends Error {
  override readonly name = 'RespectError';
}
