/**
 * The behaviour lane against the real sandbox in real time (system clock, flows of 1.5 s, a
 * proxy in front), as against a deployment: it passes when the server keeps every rule, and
 * against a server that breaks one rule, that rule's row fails, saying how, and no other rule
 * fails. Every verdict here is strict: an inferred rule (the order of the queue, what a cancel
 * does, Get of another user's instance) fails too. Also: a flow that never ends gives a timeout
 * row naming the wait, not a hang, and cleanup cancels what was left waiting; a run stopped in
 * the lane ends it at once and still cleans up; the lane keeps the budget it announces. And the
 * Arazzo workflows: none to run starts no Respect; a run stopped while Respect runs ends it,
 * and the signing proxy's calls with it.
 */
import { once } from 'node:events';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { behaviourWorkflows } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { arazzoPlan } from '../src/behaviour/arazzo.js';
import { LANE_WAITS, laneBudgetText } from '../src/behaviour/budget.js';
import { LANE_OPERATIONS } from '../src/behaviour/contract.js';
import { laneStartMinute, WINDOW_MINUTES } from '../src/behaviour/minutes.js';
import { contractView } from '../src/contract/view.js';
import { planTriggerTimes } from '../src/plan/trigger-times.js';
import { behaviourArazzoFile } from '../src/respect/files.js';
import { RunStoppedError } from '../src/run/watchdog.js';
import { type LaneRun, runLane } from './support/behaviour-lane.js';
import {
  type BehaviourBreak,
  type BehaviourServer,
  LANE,
  startBehaviourServer,
} from './support/behaviour-server.js';
import { noProcessMentions, processesMentioning } from './support/processes.js';

const RUN_MS = 1200;
const TOKEN_OPERATION = contractView().token.id;
const LIMITS = { timeoutMs: 10_000, intervalMs: 150 };

/** Start a server, run `test` against it, and stop it whatever happens. */
async function withServer<T>(
  options: {
    runMs?: number;
    broken?: BehaviourBreak;
    hold?: Parameters<typeof startBehaviourServer>[0]['hold'];
  },
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
      // Which two: whichever the polls first saw together, as the machine's load allows.
      /[A-D] \(\S+\) and [A-D] \(\S+\) were RUNNING at once .* a flow runs one instance at a time/,
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
    const { lane, created, sent, statuses } = await against(
      undefined,
      { timeoutMs: 2000, intervalMs: 100 },
      3_600_000,
    );
    expect(lane.error).toBeUndefined();
    // Not a hang (the test's timeout guards that): each wait gave up at its bound, as its
    // record says, and polled no more than that bound allows.
    const waits = lane.row('Waits');
    expect(waits.status).toBe('warn');
    expect(waits.reason).toMatch(
      /\(inferred\) "A \(\S+\) ends" did not happen within 2\.0 s \(--behaviour-timeout\)/,
    );
    const waited = lane.outcomes.find((o) => o.id === 'behaviour:waits');
    expect(waited?.details).toMatch(/A \(\S+\) ends: not within \d+\.\d s of 2\.0 s/);
    // A tick at once and one per interval, plus the last; each Get of at most 4 instances; and
    // the reads no wait bounds (11 at most), and cleanup's (4).
    const ticks = 2000 / 100 + 2;
    expect(sent.get(LANE_OPERATIONS.get)).toBeLessThanOrEqual(LANE_WAITS * ticks * 4 + 11 + 4);
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

  it('a run stopped in the lane ends it at once, and still cleans up what it left waiting', async () => {
    const stop = new AbortController();
    // Stopped as another user cancels D: B, C and D wait behind A, which runs for an hour.
    const hold = (operation: string, req: IncomingMessage) => {
      const userId = new URL(req.url ?? '/', 'http://x').searchParams.get('userId');
      if (operation === LANE_OPERATIONS.cancel && userId === LANE.foreignUserId) {
        stop.abort(new RunStoppedError('the test stopped the run'));
      }
      return false;
    };
    await withServer({ runMs: 3_600_000, hold }, async (server) => {
      const lane = await runLane(server.url, {
        // Far longer than the test may take: only the stop can end the lane in time.
        timeoutMs: 600_000,
        intervalMs: 100,
        signal: stop.signal,
      });
      expect(lane.error).toBeInstanceOf(RunStoppedError);
      const cleanup = lane.row('Cleanup');
      expect(cleanup.status).toBe('pass');
      const [, b, c, d] = server.created;
      expect(cleanup.reason).toBe(`cancelled B (${b}), C (${c}), D (${d}), left waiting`);
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

/** A copy of the Arazzo document in a directory of its own: its path names this test's Respect. */
async function arazzoCopy(): Promise<{ dir: string; file: string }> {
  const shipped = behaviourArazzoFile();
  const dir = await mkdtemp(join(tmpdir(), 'lane-respect-'));
  await copyFile(join(dirname(shipped), 'openapi.yaml'), join(dir, 'openapi.yaml'));
  await copyFile(shipped, join(dir, 'behaviour.arazzo.yaml'));
  return { dir, file: join(dir, 'behaviour.arazzo.yaml') };
}

describe.concurrent('the Arazzo workflows in the lane', () => {
  it('with every workflow left out, Respect is not started, and its row says why', async () => {
    const needOther = behaviourWorkflows().filter((w) => w.inputs.required.includes('otherUserId'));
    expect(needOther.length).toBeGreaterThan(0);
    await withServer({}, async (server) => {
      const lane = await runLane(server.url, {
        ...LIMITS,
        foreign: false,
        arazzo: { plan: arazzoPlan(behaviourArazzoFile(), needOther), timeoutMs: 600_000 },
      });
      expect(lane.error).toBeUndefined();
      const respect = lane.row('Redocly Respect ran the Arazzo workflows');
      expect(respect.status).toBe('skip');
      expect(respect.reason).toBe(
        'every workflow is left out: no other user (this test gives none)',
      );
      for (const workflow of needOther) {
        const row = lane.row(`Arazzo ${workflow.workflowId}`);
        expect(row.status).toBe('skip');
        expect(row.reason).toBe('no other user (this test gives none)');
      }
      // The lane's own token alone: no proxy asked for one, as Respect's first call makes it.
      expect(server.sent.get(TOKEN_OPERATION)).toBe(1);
    });
  });

  it("a run stopped while Respect runs: Respect ends with it, the proxy's calls are cut off, cleanup runs", async () => {
    const { dir, file } = await arazzoCopy();
    const stop = new AbortController();
    let tokens = 0;
    let held: IncomingMessage | undefined;
    // The lane's token, then the proxy's, for Respect's first call: held, and the run stops.
    const hold = (operation: string, req: IncomingMessage) => {
      if (operation !== TOKEN_OPERATION) return false;
      tokens += 1;
      if (tokens < 2) return false;
      held = req;
      stop.abort(new RunStoppedError('the test stopped the run'));
      return true;
    };
    try {
      await withServer({ hold }, async (server) => {
        const lane = await runLane(server.url, {
          ...LIMITS,
          signal: stop.signal,
          // Far longer than the test may take: only the stop can end Respect in time.
          arazzo: { plan: arazzoPlan(file), timeoutMs: 600_000 },
        });
        expect(lane.error).toBeInstanceOf(RunStoppedError);
        expect(lane.row('Cleanup').status).toBe('pass');
        // The proxy's token request was ended with it, and no Respect process is left.
        const socket = held?.socket;
        expect(socket).toBeDefined();
        if (socket && !socket.destroyed) await once(socket, 'close');
        await noProcessMentions(dir);
        expect(processesMentioning(dir)).toEqual([]);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
