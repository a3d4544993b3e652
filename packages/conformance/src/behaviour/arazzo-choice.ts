/**
 * Whether the run's behaviour lane runs the Arazzo workflows with Respect, and within what time:
 * the shipped document, unless the run tests another contract than the bundled one (which the
 * workflows describe) or the installed @enos-trigger/spec has no readable document. Decided from
 * the options alone, so the default --deadline can count Respect's time before the run starts.
 */
import { existsSync } from 'node:fs';
import { behaviourArazzoFile } from '../respect/index.js';
import { describeError } from '../results/text.js';
import { type ArazzoPlan, arazzoPlan } from './arazzo.js';

/** Time for Respect to start and load the documents, on top of its requests. */
const RESPECT_START_MS = 30_000;

/** The Arazzo workflows to run and Respect's time limit, or why none are run. */
export type ArazzoChoice = { plan: ArazzoPlan; timeoutMs: number } | { skipped: string };

export function arazzoChoice(options: {
  /** Another contract than the bundled one (--contract). */
  contract?: string;
  requestTimeoutMs: number;
}): ArazzoChoice {
  if (options.contract !== undefined) {
    return {
      skipped: 'the Arazzo workflows describe the bundled contract, and the run tests --contract',
    };
  }
  const file = behaviourArazzoFile();
  if (!existsSync(file)) {
    return {
      skipped: `@enos-trigger/spec has no ${file}: install a version that ships behaviour.arazzo.yaml`,
    };
  }
  let plan: ArazzoPlan;
  try {
    plan = arazzoPlan(file);
  } catch (error) {
    return {
      skipped: `@enos-trigger/spec's behaviour scenarios cannot be read (${describeError(error)}): install a version of it that matches this suite`,
    };
  }
  return { plan, timeoutMs: RESPECT_START_MS + (plan.steps + 2) * options.requestTimeoutMs };
}
