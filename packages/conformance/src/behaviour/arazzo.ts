/**
 * The lane's scenarios that are data: the Arazzo workflows of @enos-trigger/spec
 * (behaviour.arazzo.yaml, read with its `behaviourWorkflows()`), run by Redocly Respect through
 * the signing proxy, their steps folded into the run's rows. Respect checks each step's status,
 * schema and success criteria; the document says what each step rests on (`x-enos-evidence`:
 * documented, it fails; inferred, it warns unless --strict). What Respect cannot express stays in
 * code (scenario.ts and the rules):
 *
 * - waiting for a status (polling Get with bounded waits), and so rules 1 and 2 and the "never
 *   runs" of rule 5, which are read over time;
 * - the inputs: past trigger times in minutes no instance of the flow has, and the trigger
 *   minute as the server writes it (its time zone, read by rule 3).
 */
import { type BehaviourWorkflow, behaviourFiles, behaviourWorkflows } from '@enos-trigger/spec';
import { MINUTE_MS } from '../plan/trigger-times.js';
import type { RespectOutcome, RespectStep } from '../respect/index.js';
import type { CheckOutcome, Evidence, Violation } from '../results/model.js';
import type { LaneApi } from './api.js';
import { FIELDS, LANE_OPERATIONS } from './contract.js';
import { FIRST_FREE_WINDOW, laneTriggerTime, WINDOW_MINUTES, windowMinutes } from './minutes.js';
import { pageItems } from './scenario.js';
import { serverText } from './timeline.js';

/** The Arazzo workflows Respect may run, and how many steps call what. */
export interface ArazzoPlan {
  /** The document Respect runs. */
  file: string;
  workflows: BehaviourWorkflow[];
  /** Steps that call each operation, by the lane's role. */
  triggerSteps: number;
  cancelSteps: number;
  steps: number;
}

/** The workflows of the shipped document, counted: enough to announce a budget and to choose. */
export function arazzoPlan(
  file: string = behaviourFiles.yaml,
  workflows: BehaviourWorkflow[] = behaviourWorkflows(),
): ArazzoPlan {
  const steps = workflows.flatMap((workflow) => workflow.steps);
  const calls = (operationId: string) =>
    steps.filter((step) => step.operationId === operationId).length;
  return {
    file,
    workflows,
    triggerSteps: calls(LANE_OPERATIONS.trigger),
    cancelSteps: calls(LANE_OPERATIONS.cancel),
    steps: steps.length,
  };
}

/** The inputs the workflows declare that are trigger times, each in a minute of its own. */
const TIME_INPUTS = [
  'triggerTime',
  'listTriggerTime',
  'duplicateTriggerTime',
  'otherUserTriggerTime',
  // Later, then first: windows go back in time, and "later" must be the later trigger time.
  'laterTriggerTime',
  'firstTriggerTime',
] as const;

/** The trigger times the workflows are given: cleanup finds their instances by them. */
export const ARAZZO_TRIGGER_TIMES = TIME_INPUTS.length;
/** The List requests that choose the trigger times, at most: each minute of each window. */
export const ARAZZO_INPUT_PROBES = TIME_INPUTS.length * WINDOW_MINUTES;

/** The input of the workflows that asks as another user of the organization. */
const OTHER_USER_INPUT = 'otherUserId';

export interface ArazzoInputs {
  inputs: Record<string, string | number>;
  /** The trigger times given: cleanup finds the workflows' instances by them. */
  triggerTimes: number[];
  /** Why an input the run knows of is not given, by its name. */
  missing: Record<string, string>;
}

/**
 * The workflows' inputs: the lane's flow and users, and each trigger time in the first minute of
 * its window that List shows no instance of the flow in (a minute an earlier run took would
 * make its workflow fail as a duplicate). A minute List cannot vouch for counts as taken; when
 * none of a window's minutes is free, its first is used, and its workflow may fail as a
 * duplicate, saying so.
 */
export async function arazzoInputs(input: {
  api: LaneApi;
  flowId: number;
  userId: string;
  orgId: string;
  foreignUserId?: string;
  /** Why there is no other user, when there is none: the reason of what it leaves out. */
  noForeignUser?: string;
  laneStart: number;
  /** The server's time zone, minutes east of UTC (rule 3 read it); UTC when unknown. */
  zoneOffset: number;
  /** The run's stop: it ends the choice at once. */
  signal?: AbortSignal;
}): Promise<ArazzoInputs> {
  const times: Record<string, number> = {};
  for (const [i, name] of TIME_INPUTS.entries()) {
    const minutes = windowMinutes(input.laneStart, FIRST_FREE_WINDOW + i);
    let chosen = minutes[0] as number;
    for (const minute of minutes) {
      if (await minuteFree(input.api, input.flowId, minute, input.signal)) {
        chosen = minute;
        break;
      }
    }
    times[name] = laneTriggerTime(chosen);
  }
  const minute = Math.floor((times.triggerTime as number) / MINUTE_MS) * MINUTE_MS;
  return {
    inputs: {
      flowId: input.flowId,
      userId: input.userId,
      orgId: input.orgId,
      ...(input.foreignUserId === undefined ? {} : { [OTHER_USER_INPUT]: input.foreignUserId }),
      ...times,
      triggerMinuteStart: serverText(minute, input.zoneOffset),
      triggerMinuteEnd: serverText(minute + MINUTE_MS - 1000, input.zoneOffset),
    },
    triggerTimes: Object.values(times),
    missing:
      input.foreignUserId === undefined
        ? {
            [OTHER_USER_INPUT]:
              input.noForeignUser ?? 'no other user to ask as: give --foreign-user-id',
          }
        : {},
  };
}

/**
 * Does List show no instance of the flow triggered in this minute? Only an answer that lists
 * the flow's instances (HTTP 200, code 0, a page of items) can say so: a refusal, an answer of another
 * shape or no answer at all leaves the minute unknown, and an unknown minute counts as taken.
 */
async function minuteFree(
  api: LaneApi,
  flowId: number,
  minute: number,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  const f = FIELDS;
  try {
    const answer = await api.list({
      [f.list.expression]: String(flowId),
      [f.list.from]: minute,
      [f.list.to]: minute + MINUTE_MS - 1,
      [f.list.pagination]: { [f.pagination.pageNo]: 1, [f.pagination.pageSize]: 10 },
    });
    const items = pageItems(answer.data);
    return (
      answer.http === 200 &&
      answer.code === 0 &&
      items !== undefined &&
      !items.some((i) => i[f.instance.flowId] === flowId)
    );
  } catch {
    if (signal?.aborted) throw signal.reason;
    return false;
  }
}

/** A workflow Respect is not given, and why. */
export interface LeftWorkflow {
  id: string;
  why: string;
}

/**
 * The workflows to run: those whose required inputs are all given. Any other is left out, saying
 * which input it lacks and why (another user the run was not given, or an input this version of
 * the suite does not know how to give).
 */
export function chosenWorkflows(
  plan: ArazzoPlan,
  given: Pick<ArazzoInputs, 'inputs' | 'missing'>,
): { run: string[]; left: LeftWorkflow[] } {
  const run: string[] = [];
  const left: LeftWorkflow[] = [];
  for (const workflow of plan.workflows) {
    const lacking = workflow.inputs.required.find((name) => !Object.hasOwn(given.inputs, name));
    if (lacking === undefined) run.push(workflow.workflowId);
    else {
      left.push({
        id: workflow.workflowId,
        why:
          given.missing[lacking] ??
          `it needs the input ${lacking}, which this version of the suite does not give: install a matching @enos-trigger/conformance`,
      });
    }
  }
  return { run, left };
}

/** One row per step Respect ran; a row per workflow it did not reach or was not given. */
export function respectRows(
  outcome: RespectOutcome,
  plan: ArazzoPlan,
  left: LeftWorkflow[],
): CheckOutcome[] {
  const rows: CheckOutcome[] = [];
  const ran = new Set(outcome.workflows.map((w) => w.id));
  const known = new Map(plan.workflows.map((w) => [w.workflowId, w]));
  for (const workflow of outcome.workflows) {
    const data = known.get(workflow.id);
    for (const step of workflow.steps) rows.push(stepRow(workflow.id, step, data));
    if (workflow.steps.length === 0) {
      rows.push({
        ...row(workflow.id, '(no step)', data?.evidence.evidence ?? 'documented'),
        violations: [{ evidence: 'documented', message: 'Respect ran none of its steps' }],
      });
    }
  }
  for (const workflow of plan.workflows) {
    const id = workflow.workflowId;
    if (ran.has(id)) continue;
    const why =
      left.find((l) => l.id === id)?.why ??
      (outcome.timedOut ? 'Respect stopped at its time limit first' : 'Respect did not run it');
    rows.push({
      ...row(id, 'all steps', workflow.evidence.evidence),
      violations: [],
      skipped: why,
    });
  }
  return rows;
}

/** A step's row: its checks' failures, each with the evidence the document gives the step. */
function stepRow(
  workflowId: string,
  step: RespectStep,
  workflow: BehaviourWorkflow | undefined,
): CheckOutcome {
  // A step the document does not list (Respect's own) is held to its workflow's evidence.
  const given = workflow?.steps.find((s) => s.stepId === step.id)?.evidence ?? workflow?.evidence;
  const evidence: Evidence = given?.evidence ?? 'documented';
  const failed = step.checks.filter((c) => !c.passed && c.severity === 'error');
  const violations: Violation[] = failed.map((c) => ({
    evidence,
    message: `${c.name}: ${c.message || 'failed'}`,
  }));
  if (!step.passed && violations.length === 0) {
    violations.push({ evidence, message: 'Respect failed the step without naming a check' });
  }
  return {
    ...row(workflowId, step.id, evidence),
    violations,
    passReason: `${step.checks.length} check${step.checks.length === 1 ? '' : 's'} passed`,
    ...(violations.length > 0 && given !== undefined
      ? { hint: `What the step rests on (${given.evidence}): ${given.basis}` }
      : {}),
  };
}

function row(workflowId: string, stepId: string, evidence: Evidence) {
  return {
    id: `respect:${workflowId}:${stepId}`,
    section: 'respect' as const,
    title: `Arazzo ${workflowId} · ${stepId}`,
    evidence,
  };
}
