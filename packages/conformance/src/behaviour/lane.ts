/**
 * The behaviour lane, start to end: the scenario in code (scenario.ts), judged by every rule of
 * the registry; the Arazzo workflows, run by Respect through the signing proxy (arazzo.ts);
 * then cleanup (cleanup.ts), which runs whatever happened before it: a failure, a timeout or the
 * run's stop. Each rule's row, each Respect step's row and the cleanup row go to `report`, the
 * run's one result stream.
 */
import type { AnswerExchange } from '../checks/exchange.js';
import type { ContractView } from '../contract/view.js';
import type { Identity } from '../http/api.js';
import type { Transport } from '../http/limits.js';
import { callerWaitMs, startSigningProxy } from '../proxy/index.js';
import { RespectError, type RespectOutcome, runRespect } from '../respect/index.js';
import type { CheckOutcome } from '../results/model.js';
import { describeError } from '../results/text.js';
import { laneApi } from './api.js';
import { arazzoInputs, chosenWorkflows, respectRows } from './arazzo.js';
import type { ArazzoChoice } from './arazzo-choice.js';
import { cleanUp } from './cleanup.js';
import { type LaneClock, realClock, sandboxClock } from './clock.js';
import { laneContract } from './contract.js';
import type { WaitLimits } from './poll.js';
import { emptyRecord } from './record.js';
import { BEHAVIOUR_RULES } from './registry.js';
import type { RuleContext } from './rule.js';
import { runScenario, type Scenario } from './scenario.js';
import { serverZone } from './timeline.js';

/** What the lane is given besides the run's connection: its flow, users and bounds. */
export interface LanePlan {
  flowId: number;
  foreignUserId?: string;
  /** Why there is no other user to ask as, when there is none (rule 6 is skipped). */
  noForeignUser?: string;
  laneStart: number;
  limits: WaitLimits;
  /** Moves the bundled sandbox's clock; undefined: the lane waits in real time. */
  advanceClock?: (ms: number) => Promise<void>;
  /** The Arazzo workflows to run with Respect, or why none are run. */
  arazzo: ArazzoChoice;
}

export interface LaneInput extends LanePlan {
  view: ContractView;
  server: string;
  identity: Identity;
  accessToken: string;
  /** The run's limits: stopped with the run. */
  transport: Transport;
  observe(exchange: AnswerExchange): void;
  redact(text: string): string;
  report(outcome: CheckOutcome): void;
}

/** The rows of the lane, each without a verdict yet: for a run that stops before or in it. */
export function laneRows() {
  return BEHAVIOUR_RULES.map((rule) => ({
    id: rule.id,
    section: 'behaviour' as const,
    title: rule.title,
    evidence: rule.evidence,
  }));
}

export async function runBehaviourLane(input: LaneInput): Promise<void> {
  const contract = laneContract(input.view);
  const signal = input.transport.signal;
  const clock: LaneClock =
    input.advanceClock === undefined ? realClock(signal) : sandboxClock(input.advanceClock);
  const record = emptyRecord(input.flowId);
  const connection = {
    contract,
    server: input.server,
    identity: input.identity,
    accessToken: input.accessToken,
    observe: input.observe,
  };
  const api = laneApi({ ...connection, transport: input.transport });
  const scenario: Scenario = {
    api,
    contract,
    clock,
    limits: input.limits,
    flowId: input.flowId,
    userId: input.identity.userId,
    ...(input.foreignUserId === undefined ? {} : { foreignUserId: input.foreignUserId }),
    laneStart: input.laneStart,
    record,
    ticks: 0,
    redact: input.redact,
    ...(signal === undefined ? {} : { signal }),
  };
  // The Arazzo workflows' trigger times, as soon as they are chosen: cleanup finds their instances.
  const arazzoTimes: number[] = [];
  try {
    await runScenario(scenario);
    const ctx: RuleContext = {
      contract,
      limits: input.limits,
      clock: clock.kind,
      ...(input.noForeignUser === undefined ? {} : { noForeignUser: input.noForeignUser }),
    };
    for (const rule of BEHAVIOUR_RULES) {
      const verdict = rule.judge(record, ctx);
      input.report({
        id: rule.id,
        section: 'behaviour',
        title: rule.title,
        evidence: rule.evidence,
        violations: verdict.violations,
        ...(verdict.skipped === undefined ? {} : { skipped: verdict.skipped }),
        ...(verdict.passReason === undefined ? {} : { passReason: verdict.passReason }),
        ...(verdict.details === undefined ? {} : { details: verdict.details }),
        ...(verdict.violations.length > 0 ? { hint: `The rule: ${rule.basis}` } : {}),
      });
    }
    await runArazzo(input, api, serverZone(record) ?? 0, arazzoTimes);
  } finally {
    // Cleanup is not stopped with the run: its own limits, --request-timeout a request.
    const { signal: _stopped, onAttempt: _counted, ...limits } = input.transport;
    input.report(
      await cleanUp({
        api: laneApi({ ...connection, transport: limits }),
        contract,
        record,
        respectTriggerTimes: arazzoTimes,
        redact: input.redact,
      }),
    );
  }
}

/** Run the Arazzo workflows through a signing proxy, noting their trigger times in `times`. */
async function runArazzo(
  input: LaneInput,
  api: ReturnType<typeof laneApi>,
  zoneOffset: number,
  times: number[],
): Promise<void> {
  const { arazzo } = input;
  const row = {
    id: 'respect:run',
    section: 'engine' as const,
    title:
      'Redocly Respect ran the Arazzo workflows (behaviour.arazzo.yaml), through the signing proxy',
    evidence: 'documented' as const,
  };
  if ('skipped' in arazzo) {
    input.report({ ...row, violations: [], skipped: arazzo.skipped });
    return;
  }
  const signal = input.transport.signal;
  const given = await arazzoInputs({
    api,
    flowId: input.flowId,
    userId: input.identity.userId,
    orgId: input.identity.orgId,
    ...(input.foreignUserId === undefined ? {} : { foreignUserId: input.foreignUserId }),
    ...(input.noForeignUser === undefined ? {} : { noForeignUser: input.noForeignUser }),
    laneStart: input.laneStart,
    zoneOffset,
    ...(signal === undefined ? {} : { signal }),
  });
  const { run, left } = chosenWorkflows(arazzo.plan, given);
  if (run.length === 0) {
    // Respect given no workflow would run them all: it is not started.
    const why = [...new Set(left.map((l) => l.why))].join('; ');
    input.report({ ...row, violations: [], skipped: `every workflow is left out: ${why}` });
    for (const leftRow of respectRows(NOTHING_RUN, arazzo.plan, left)) input.report(leftRow);
    return;
  }
  times.push(...given.triggerTimes);
  const proxy = await startSigningProxy({
    server: input.server,
    appKey: input.identity.appKey,
    appSecret: input.identity.appSecret,
    requestTimeoutMs: input.transport.timeoutMs,
    maxResponseBytes: input.transport.maxResponseBytes,
  });
  // The run's stop ends the proxy's calls in flight at once; Respect is killed with it.
  const stopProxy = () => {
    // Its outcome is awaited below.
    proxy.close(0).catch(() => {});
  };
  signal?.addEventListener('abort', stopProxy, { once: true });
  try {
    const outcome = await runRespect({
      arazzoFile: arazzo.plan.file,
      proxyUrl: proxy.url,
      inputs: given.inputs,
      timeoutMs: arazzo.timeoutMs,
      // The proxy's first call asks for a token before it forwards: Respect waits for both.
      fetchTimeoutMs: callerWaitMs(input.transport.timeoutMs),
      ...(left.length > 0 ? { workflowIds: run } : {}),
      ...(signal === undefined ? {} : { signal }),
    });
    input.report({
      ...row,
      violations: outcome.timedOut
        ? [
            {
              evidence: 'documented',
              message: `Respect stopped at its time limit (${arazzo.timeoutMs / 1000} s)`,
            },
          ]
        : [],
      passReason: `${outcome.workflows.length} workflows in ${(outcome.durationMs / 1000).toFixed(1)} s`,
    });
    for (const outcomeRow of respectRows(outcome, arazzo.plan, left)) {
      input.report(outcomeRow);
    }
  } catch (error) {
    if (!(error instanceof RespectError)) throw error;
    input.report({
      ...row,
      violations: [{ evidence: 'documented', message: describeError(error) }],
    });
  } finally {
    signal?.removeEventListener('abort', stopProxy);
    await proxy.close();
  }
}

/** Respect's outcome when it is not started. */
const NOTHING_RUN: RespectOutcome = { workflows: [], durationMs: 0, timedOut: false };
