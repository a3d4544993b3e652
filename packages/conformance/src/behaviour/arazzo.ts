/**
 * The lane's scenarios that are data: the Arazzo workflows of @enos-trigger/spec
 * (behaviour.arazzo.yaml), run by Redocly Respect through the signing proxy, their steps folded
 * into the run's rows. Respect checks each step's status, schema and success criteria; what it
 * cannot express stays in code (scenario.ts and the rules):
 *
 * - waiting for a status (polling Get with bounded waits), and so rules 1 and 2 and the "never
 *   runs" of rule 5, which are read over time;
 * - the verdicts: Respect passes or fails a step, while a rule may be documented (it fails) or
 *   inferred (it warns unless --strict). Each workflow's verdict is given here, from the
 *   contract where it says (the catalog's evidence), by the workflow's id;
 * - the inputs: past trigger times in minutes no instance of the flow has, and the trigger
 *   minute as the server writes it (its time zone, read by rule 3).
 */
import { readFileSync } from 'node:fs';
import type { CatalogExample } from '../contract/view.js';
import { TAKEN } from '../plan/config-errors.js';
import { MINUTE_MS } from '../plan/trigger-times.js';
import type { RespectOutcome, RespectStep } from '../respect/index.js';
import type { CheckOutcome, Evidence, Violation } from '../results/model.js';
import type { LaneApi } from './api.js';
import { FIELDS, LANE_OPERATIONS, type LaneContract } from './contract.js';
import { FIRST_FREE_WINDOW, laneTriggerTime, windowMinutes } from './minutes.js';
import { pageItems } from './scenario.js';
import { serverText } from './timeline.js';

/** What the Arazzo document holds, read from its text: its workflows and how many steps call what. */
export interface ArazzoPlan {
  file: string;
  workflowIds: string[];
  /** Steps that call each operation, by the lane's role. */
  triggerSteps: number;
  cancelSteps: number;
  steps: number;
}

/**
 * The workflows' ids and step counts, by their YAML keys (`workflowId:`, `stepId:`,
 * `operationId:`): enough to announce a budget and to choose workflows, without a YAML parser.
 */
export function arazzoPlan(file: string): ArazzoPlan {
  const text = readFileSync(file, 'utf8');
  const values = (key: string) =>
    [...text.matchAll(new RegExp(`^\\s*-?\\s*${key}:\\s*([A-Za-z0-9_.-]+)\\s*$`, 'gm'))].map(
      (m) => m[1] as string,
    );
  const operations = values('operationId');
  return {
    file,
    workflowIds: values('workflowId'),
    triggerSteps: operations.filter((id) => id === LANE_OPERATIONS.trigger).length,
    cancelSteps: operations.filter((id) => id === LANE_OPERATIONS.cancel).length,
    steps: values('stepId').length,
  };
}

/**
 * The verdict of each workflow the lane knows: the rule it shows, and the evidence of its steps.
 * A step not named here is documented: triggering, reading and cancelling are documented calls;
 * the steps named check what the contract infers.
 */
interface WorkflowVerdict {
  rule: string;
  /** The evidence of the steps whose checks are inferred, or read from the catalog, by stepId. */
  steps?: Record<string, (contract: LaneContract) => Evidence>;
  /** The workflow asks as another user (its `otherUserId` input). */
  asAnotherUser?: boolean;
}

const whenOf = (entry: CatalogExample): Evidence =>
  entry.parts.when === 'documented' ? 'documented' : 'inferred';

const WORKFLOWS: Record<string, WorkflowVerdict> = {
  triggerThenGet: { rule: 'rule 3' },
  listFindsTrigger: { rule: 'rule 4' },
  duplicateMinuteRefused: {
    rule: 'a same-minute trigger is refused',
    steps: {
      duplicate: (c) =>
        c.ops.trigger.catalog.find((e) => e.name === TAKEN)?.evidence ?? 'documented',
    },
  },
  otherUserRefused: {
    rule: 'rule 6',
    steps: {
      getAsOther: (c) => whenOf(c.notOwner.get),
      cancelAsOther: (c) => whenOf(c.notOwner.cancel),
    },
    asAnotherUser: true,
  },
  cancelWaiting: { rule: 'rule 5', steps: { getLater: () => 'inferred' } },
};

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

export interface ArazzoInputs {
  inputs: Record<string, string | number>;
  /** The trigger times given: cleanup finds the workflows' instances by them. */
  triggerTimes: number[];
}

/**
 * The workflows' inputs: the lane's flow and users, and each trigger time in the first minute of
 * its window that List shows no instance of the flow in (a minute an earlier run took would
 * make its workflow fail as a duplicate).
 */
export async function arazzoInputs(input: {
  api: LaneApi;
  flowId: number;
  userId: string;
  orgId: string;
  foreignUserId?: string;
  laneStart: number;
  /** The server's time zone, minutes east of UTC (rule 3 read it); UTC when unknown. */
  zoneOffset: number;
}): Promise<ArazzoInputs> {
  const times: Record<string, number> = {};
  for (const [i, name] of TIME_INPUTS.entries()) {
    const minutes = windowMinutes(input.laneStart, FIRST_FREE_WINDOW + i);
    let chosen = minutes[0] as number;
    for (const minute of minutes) {
      if (await minuteFree(input.api, input.flowId, minute)) {
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
      ...(input.foreignUserId === undefined ? {} : { otherUserId: input.foreignUserId }),
      ...times,
      triggerMinuteStart: serverText(minute, input.zoneOffset),
      triggerMinuteEnd: serverText(minute + MINUTE_MS - 1000, input.zoneOffset),
    },
    triggerTimes: Object.values(times),
  };
}

/** Does List show no instance of the flow triggered in this minute? A List that fails: yes. */
async function minuteFree(api: LaneApi, flowId: number, minute: number): Promise<boolean> {
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
      answer.code !== 0 ||
      items === undefined ||
      !items.some((i) => i[f.instance.flowId] === flowId)
    );
  } catch {
    return true;
  }
}

/** The workflows to run: all, or without those that ask as another user when there is none. */
export function chosenWorkflows(
  plan: ArazzoPlan,
  hasOtherUser: boolean,
): { run: string[]; left: string[] } {
  const left = hasOtherUser ? [] : plan.workflowIds.filter((id) => WORKFLOWS[id]?.asAnotherUser);
  return { run: plan.workflowIds.filter((id) => !left.includes(id)), left };
}

/** One row per step Respect ran; a row per workflow it did not reach or was not given. */
export function respectRows(
  outcome: RespectOutcome,
  contract: LaneContract,
  plan: ArazzoPlan,
  left: { ids: string[]; why: string },
): CheckOutcome[] {
  const rows: CheckOutcome[] = [];
  const ran = new Set(outcome.workflows.map((w) => w.id));
  for (const workflow of outcome.workflows) {
    const verdict = WORKFLOWS[workflow.id];
    for (const step of workflow.steps) rows.push(stepRow(workflow.id, step, verdict, contract));
    if (workflow.steps.length === 0) {
      rows.push({
        ...row(workflow.id, '(no step)', verdict, 'documented'),
        violations: [{ evidence: 'documented', message: 'Respect ran none of its steps' }],
      });
    }
  }
  for (const id of plan.workflowIds) {
    if (ran.has(id)) continue;
    const why = left.ids.includes(id)
      ? left.why
      : outcome.timedOut
        ? 'Respect stopped at its time limit first'
        : 'Respect did not run it';
    rows.push({
      ...row(id, 'all steps', WORKFLOWS[id], 'documented'),
      violations: [],
      skipped: why,
    });
  }
  return rows;
}

function stepRow(
  workflowId: string,
  step: RespectStep,
  verdict: WorkflowVerdict | undefined,
  contract: LaneContract,
): CheckOutcome {
  const evidence = verdict?.steps?.[step.id]?.(contract) ?? 'documented';
  const failed = step.checks.filter((c) => !c.passed && c.severity === 'error');
  const violations: Violation[] = failed.map((c) => ({
    evidence,
    message: `${c.name}: ${c.message || 'failed'}`,
  }));
  if (!step.passed && violations.length === 0) {
    violations.push({ evidence, message: 'Respect failed the step without naming a check' });
  }
  return {
    ...row(workflowId, step.id, verdict, evidence),
    violations,
    passReason: `${step.checks.length} check${step.checks.length === 1 ? '' : 's'} passed`,
  };
}

function row(
  workflowId: string,
  stepId: string,
  verdict: WorkflowVerdict | undefined,
  evidence: Evidence,
) {
  const shows = verdict === undefined ? '' : ` (${verdict.rule})`;
  return {
    id: `respect:${workflowId}:${stepId}`,
    section: 'respect' as const,
    title: `Arazzo ${workflowId} · ${stepId}${shows}`,
    evidence,
  };
}
