/**
 * The behaviour lane against the real sandbox in real time (system clock, flows of 1.5 s, a
 * proxy in front), as against a deployment: it passes when the server keeps every rule, and
 * against a server that breaks one rule, that rule's row fails, saying how, and no other rule
 * fails. Every verdict here is strict: an inferred rule (the order of the queue, what a cancel
 * does, Get of another user's instance) fails too. Also: a flow that never ends gives a timeout
 * row naming the wait, not a hang, and cleanup cancels what was left waiting; a run stopped in
 * the lane still cleans up; the lane keeps the budget it announces.
 */
import { describe, expect, it } from 'vitest';
import { LANE_WAITS, laneBudgetText } from '../src/behaviour/budget.js';
import { LANE_OPERATIONS } from '../src/behaviour/contract.js';
import { laneStartMinute, WINDOW_MINUTES } from '../src/behaviour/minutes.js';
import { planTriggerTimes } from '../src/plan/trigger-times.js';
import { RunStoppedError } from '../src/run/watchdog.js';
import { type LaneRun, runLane } from './support/behaviour-lane.js';
import {
  type BehaviourBreak,
  type BehaviourServer,
  LANE,
  startBehaviourServer,
} from './support/behaviour-server.js';

const RUN_MS = 2500;
const LIMITS = { timeoutMs: 10_000, intervalMs: 150 };

/** Start a server, run `test` against it, and stop it whatever happens. */
async function withServer<T>(
  options: { runMs?: number; broken?: BehaviourBreak },
  test: (server: BehaviourServer) => Promise<T>,
): Promise<T> {
  const server = await startBehaviourServer({ runMs: RUN_MS, ...options });
  try {
    return await test(server);
  } finally {
    await server.close();
  }
}

/** The lane against a server, and what the server saw, before it is stopped. */
async function against(broken: BehaviourBreak | undefined, limits = LIMITS, runMs = RUN_MS) {
  return withServer({ runMs, ...(broken ? { broken } : {}) }, async (server) => {
    const lane = await runLane(server.url, limits);
    const statuses = new Map(
      server.sandbox
        .flows()
        .flatMap((f) => f.instances)
        .map((i) => [i.flowInstanceId, i.status as string]),
    );
    return { lane, created: [...server.created], sent: new Map(server.sent), statuses };
  });
}

const RULES = ['Rule 1', 'Rule 2', 'Rule 3', 'Rule 4', 'Rule 5', 'Rule 6', 'Statuses'];

/** The rows that fail, strict, by the start of their titles. */
function failing(lane: LaneRun): string[] {
  return lane
    .results(true)
    .filter((r) => r.status === 'fail')
    .map((r) => r.title.split(' · ')[0] as string);
}

describe.concurrent('a server that keeps every rule', () => {
  it('passes every rule, strict, in real time, and cancels nothing it need not', async () => {
    const { lane, created, sent } = await against(undefined);
    expect(lane.error).toBeUndefined();
    for (const title of RULES) {
      const row = lane.row(title, true);
      expect(row.status, `${row.title}: ${row.reason}`).toBe('pass');
    }
    expect(lane.row('Rule 2').reason).toMatch(/A, then C, then B ran one at a time/);
    expect(lane.row('Waits', true).status).toBe('pass');
    expect(lane.row('Waits').reason).toContain('in real time');
    expect(lane.row('Cleanup').reason).toBe('nothing was left waiting');
    // It kept the budget it announces: 4 instances, at most 24 trigger requests, and cancels
    // of D alone (once as the owner, once as another user), nothing left to clean up.
    const budget = laneBudgetText({
      flowId: LANE.flowId,
      foreignUserId: LANE.foreignUserId,
      laneStart: laneStartMinute(planTriggerTimes(Date.now()).candidateMinutes),
      ...LIMITS,
      sandboxClock: false,
    }).join('\n');
    expect(budget).toContain(
      `4 instances (A, B, C, D), with at most ${4 * WINDOW_MINUTES} trigger requests`,
    );
    expect(budget).toContain(`waits: at most ${LANE_WAITS}, each within 10 s`);
    expect(created).toHaveLength(4);
    expect(sent.get(LANE_OPERATIONS.trigger)).toBeLessThanOrEqual(4 * WINDOW_MINUTES);
    expect(sent.get(LANE_OPERATIONS.cancel)).toBe(2);
  });
});

describe.concurrent('a server that breaks one rule: that rule fails, naming how', () => {
  it.each<[BehaviourBreak, string, RegExp]>([
    [
      'past-trigger-waits',
      'Rule 1',
      /A \(\S+\) was still INIT \d+\.\d s after its trigger .* it waited instead of starting at once/,
    ],
    [
      'two-running',
      'Rule 2',
      /A \(\S+\) and B \(\S+\) were RUNNING at once .* a flow runs one instance at a time/,
    ],
    [
      'wait-never-runs',
      'Rule 2',
      /C \(\S+\) stayed WAIT for \d+\.\d s while no other instance of the flow ran, until the wait gave up/,
    ],
    [
      'wrong-order',
      'Rule 2',
      /\(inferred\) B \(\S+\) ran before C \(\S+\), whose trigger time is earlier, while both waited/,
    ],
    [
      'get-wrong-trigger-time',
      'Rule 3',
      /Get of A \(\S+\) answered triggerTime "[^"]+", which is not the trigger's minute/,
    ],
    ['list-misses', 'Rule 4', /List with expression "\S+" did not list A \(\S+\)/],
    ['cancel-ignored', 'Rule 5', /\(inferred\) D \(\S+\) ran after its cancel was accepted/],
    [
      'foreign-get-answered',
      'Rule 6',
      /\(inferred\) Get of D \(\S+\) as user other-user answered it as if it were theirs .* refuses it with 62103/,
    ],
    [
      'wrong-status-name',
      'Statuses',
      /status 5 came with statusDesc "RUNNING", where the contract names 5 WAIT/,
    ],
  ])('%s: %s fails', async (broken, rule, how) => {
    const { lane } = await against(broken);
    expect(lane.error).toBeUndefined();
    const row = lane.row(rule, true);
    expect(row.status, row.reason).toBe('fail');
    expect(row.reason).toMatch(how);
    // No other rule fails; a wait may, where the break makes the lane wait in vain.
    expect(failing(lane).filter((title) => title !== rule && title !== 'Waits')).toEqual([]);
  });
});

describe.concurrent('bounded waits and cleanup', () => {
  it('a flow that never ends: a timeout row naming the wait, not a hang, and the queue cancelled', async () => {
    const { lane, created, statuses } = await against(
      undefined,
      { timeoutMs: 2000, intervalMs: 100 },
      3_600_000,
    );
    expect(lane.error).toBeUndefined();
    // Five waits at most, of 2 s each, and the lane's requests: far from a hang.
    expect(lane.elapsedMs).toBeLessThan(LANE_WAITS * 2000);
    const waits = lane.row('Waits');
    expect(waits.status).toBe('warn');
    expect(waits.reason).toMatch(
      /\(inferred\) "A \(\S+\) ends" did not happen within 2\.0 s \(--behaviour-timeout\)/,
    );
    expect(lane.row('Waits', true).status).toBe('fail');
    expect(lane.row('Rule 2').status).toBe('skip');
    expect(lane.row('Rule 2').reason).toContain('the wait for "A (');
    // B and C were left waiting behind A: cleanup cancelled them; A runs on; D was cancelled.
    const [a, b, c, d] = created;
    expect(lane.row('Cleanup').reason).toBe(`cancelled B (${b}), C (${c}), left waiting`);
    expect([a, b, c, d].map((id) => statuses.get(id as string))).toEqual([
      'RUNNING',
      'CANCEL',
      'CANCEL',
      'CANCEL',
    ]);
  });

  it('a run stopped in the lane still cleans up what it left waiting', async () => {
    await withServer({ runMs: 3_600_000 }, async (server) => {
      const stop = new AbortController();
      setTimeout(() => stop.abort(new RunStoppedError('the test stopped the run')), 1500);
      const lane = await runLane(server.url, {
        timeoutMs: 60_000,
        intervalMs: 100,
        signal: stop.signal,
      });
      expect(lane.error).toBeInstanceOf(RunStoppedError);
      expect(lane.elapsedMs).toBeLessThan(10_000);
      const cleanup = lane.row('Cleanup');
      expect(cleanup.status).toBe('pass');
      const [, b, c] = server.created;
      expect(cleanup.reason).toBe(`cancelled B (${b}), C (${c}), left waiting`);
    });
  });

  it('without another user, rule 6 is skipped with its reason', async () => {
    await withServer({}, async (server) => {
      const lane = await runLane(server.url, { ...LIMITS, foreign: false });
      const row = lane.row('Rule 6');
      expect(row.status).toBe('skip');
      expect(row.reason).toBe('no other user (this test gives none)');
      expect(lane.row('Rule 5').status).toBe('pass');
    });
  });
});
