/**
 * The behaviour lane alone, against a server, in real time: the run's token, then
 * runBehaviourLane with its rows collected and given their verdicts (strict or not), as the
 * run's result stream would. The server sees the lane's requests and nothing else, so a test
 * knows its instances by the order they were created.
 */
import { type LanePlan, runBehaviourLane } from '../../src/behaviour/index.js';
import { laneStartMinute } from '../../src/behaviour/minutes.js';
import { contractView } from '../../src/contract/view.js';
import { sendTokenRequest } from '../../src/http/api.js';
import type { Transport } from '../../src/http/limits.js';
import { planTriggerTimes } from '../../src/plan/trigger-times.js';
import { type CheckOutcome, type CheckResult, toResult } from '../../src/results/model.js';
import { LANE } from './behaviour-server.js';

export interface LaneRun {
  outcomes: CheckOutcome[];
  results(strict: boolean): CheckResult[];
  /** The row whose title starts with `title`, with its verdict. */
  row(title: string, strict?: boolean): CheckResult;
  /** What the lane threw, if it did (the run's stop). */
  error?: unknown;
}

export async function runLane(
  url: string,
  options: {
    timeoutMs: number;
    intervalMs: number;
    /** Ask as another user (rule 6); default yes. */
    foreign?: boolean;
    /** The run's stop. */
    signal?: AbortSignal;
    /** The Arazzo workflows Respect runs; default none (Respect has tests of its own). */
    arazzo?: LanePlan['arazzo'];
  },
): Promise<LaneRun> {
  const view = contractView();
  const transport: Transport = {
    maxResponseBytes: 1024 * 1024,
    timeoutMs: 10_000,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  };
  const identity = { ...LANE.app, userId: LANE.userId, orgId: LANE.orgId };
  const { answer } = await sendTokenRequest(url, view, identity, transport);
  const accessToken = (answer.json as { data: { accessToken: string } }).data.accessToken;
  const outcomes: CheckOutcome[] = [];
  let error: unknown;
  try {
    await runBehaviourLane({
      view,
      server: url,
      identity,
      accessToken,
      transport,
      observe: () => {},
      redact: (text) => text,
      report: (outcome) => outcomes.push(outcome),
      flowId: LANE.flowId,
      ...(options.foreign === false
        ? { noForeignUser: 'no other user (this test gives none)' }
        : { foreignUserId: LANE.foreignUserId }),
      laneStart: laneStartMinute(planTriggerTimes(Date.now()).candidateMinutes),
      limits: { timeoutMs: options.timeoutMs, intervalMs: options.intervalMs },
      arazzo: options.arazzo ?? { skipped: 'the lane alone (Respect has tests of its own)' },
    });
  } catch (thrown) {
    error = thrown;
  }
  const results = (strict: boolean) => outcomes.map((o) => toResult(o, strict));
  return {
    outcomes,
    results,
    row: (title, strict = false) => {
      const found = results(strict).find((r) => r.title.startsWith(title));
      if (!found) throw new Error(`no row "${title}": ${outcomes.map((o) => o.title).join(' | ')}`);
      return found;
    },
    ...(error === undefined ? {} : { error }),
  };
}
