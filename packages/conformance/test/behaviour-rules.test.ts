/**
 * Each rule of the behaviour lane judges what the lane saw: a record written by hand here, one
 * that keeps the rule and one that breaks each of its parts. A broken documented part fails; a
 * broken inferred part warns, and fails under --strict; a rule without what it needs is
 * skipped, saying why. Also the lane's minutes, its budget, and the Arazzo verdicts.
 */
import { flowInstanceStatuses } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { arazzoPlan, chosenWorkflows, respectRows } from '../src/behaviour/arazzo.js';
import { laneBudgetText, laneMaxMs } from '../src/behaviour/budget.js';
import { laneContract } from '../src/behaviour/contract.js';
import { labelMinutes, laneStartMinute } from '../src/behaviour/minutes.js';
import { emptyRecord, LABELS, type Label, type LaneRecord } from '../src/behaviour/record.js';
import { BEHAVIOUR_RULES } from '../src/behaviour/registry.js';
import type { BehaviourRule, RuleContext } from '../src/behaviour/rule.js';
import { serverText, zoneOffset } from '../src/behaviour/timeline.js';
import { contractView } from '../src/contract/view.js';
import { MINUTE_MS } from '../src/plan/trigger-times.js';
import { behaviourArazzoFile } from '../src/respect/files.js';
import { type CheckResult, toResult } from '../src/results/model.js';

const contract = laneContract(contractView());
const ctx: RuleContext = {
  contract,
  limits: { timeoutMs: 60_000, intervalMs: 5000 },
  clock: 'real',
};
const FLOW = 3377;
const T0 = Date.UTC(2026, 0, 1, 10, 0, 37);
/** Trigger times in the lane's order: D < A < C < B. */
const TIMES: Record<Label, number> = {
  D: T0,
  A: T0 + 6 * MINUTE_MS,
  C: T0 + 12 * MINUTE_MS,
  B: T0 + 18 * MINUTE_MS,
};
const idOf = (label: Label) =>
  `${FLOW}-${serverText(TIMES[label], 0).replace(/\D/g, '').slice(0, 12)}00`;
const CODES = new Map(flowInstanceStatuses(contract.view.document).map((s) => [s.name, s.code]));
const code = (name: string) => {
  const found = CODES.get(name);
  if (found === undefined) throw new Error(name);
  return found;
};
/** The codes Get and Cancel refuse another user's instance with, as the catalog gives them. */
const NOT_OWNER = { get: contract.notOwner.get.code, cancel: contract.notOwner.cancel.code };

type Sketch = Partial<Record<Label, string | { status: string; start?: string; end?: string }>>;

/** A record: the four instances, then one tick per sketch, 5 s apart. */
function record(ticks: Sketch[], edit: (r: LaneRecord) => void = () => {}): LaneRecord {
  const r = emptyRecord(FLOW);
  for (const label of LABELS) {
    r.triggers[label] = {
      label,
      flowId: FLOW,
      triggerTime: TIMES[label],
      instanceId: idOf(label),
      taken: [],
      at: 0,
    };
  }
  ticks.forEach((sketch, i) => {
    for (const [label, value] of Object.entries(sketch) as [Label, Sketch[Label]][]) {
      const v =
        typeof value === 'string'
          ? { status: value }
          : (value as { status: string; start?: string; end?: string });
      const status = code(v.status);
      r.samples.push({
        tick: i + 1,
        at: i * 5000,
        label,
        instanceId: idOf(label),
        id: idOf(label),
        flowId: FLOW,
        status,
        statusDesc: v.status,
        triggerTime: serverText(TIMES[label], 0),
        startTime: v.start ?? '',
        endTime: v.end ?? '',
      });
      r.namedStatuses.push({ status, statusDesc: v.status, where: `Get ${idOf(label)}` });
    }
  });
  const reached = (id: string) => ({
    id,
    name: id,
    boundMs: 60_000,
    elapsedMs: 1000,
    reached: true,
  });
  r.waits.push(...['idle', 'A-starts', 'A-ends', 'C-ends', 'B-ends'].map(reached));
  r.list = {
    instanceId: idOf('A'),
    http: 200,
    code: 0,
    listed: [idOf('A')],
    count: 1,
    said: 'HTTP 200',
  };
  r.cancels.push({
    label: 'D',
    instanceId: idOf('D'),
    userId: 'other',
    purpose: 'foreign',
    at: 0,
    tick: 1,
    http: 200,
    code: NOT_OWNER.cancel,
    said: String(NOT_OWNER.cancel),
  });
  r.cancels.push({
    label: 'D',
    instanceId: idOf('D'),
    userId: 'me',
    purpose: 'rule',
    at: 0,
    tick: 1,
    http: 200,
    code: 0,
    said: 'OK',
  });
  const refused = (code: number) => ({
    instanceId: idOf('D'),
    userId: 'other',
    http: 200,
    code,
    said: String(code),
  });
  r.foreign = {
    userId: 'other',
    get: refused(NOT_OWNER.get),
    cancel: refused(NOT_OWNER.cancel),
    afterTick: 2,
  };
  edit(r);
  return r;
}

/** A lane that keeps every rule: A runs, C then B after it, D cancelled while it waits. */
const GOOD: Sketch[] = [
  { A: 'RUNNING', B: 'WAIT', C: 'WAIT', D: 'WAIT' },
  { A: 'RUNNING', B: 'WAIT', C: 'WAIT', D: 'CANCEL' },
  {
    A: { status: 'SUCCESS', start: '2026-01-01 12:00:00', end: '2026-01-01 12:00:30' },
    B: 'WAIT',
    C: { status: 'RUNNING', start: '2026-01-01 12:00:30' },
    D: 'CANCEL',
  },
  {
    B: { status: 'RUNNING', start: '2026-01-01 12:01:00' },
    C: { status: 'SUCCESS', start: '2026-01-01 12:00:30', end: '2026-01-01 12:01:00' },
    D: 'CANCEL',
  },
  {
    B: { status: 'SUCCESS', start: '2026-01-01 12:01:00', end: '2026-01-01 12:01:30' },
    D: 'CANCEL',
  },
];

function rule(title: string): BehaviourRule {
  const found = BEHAVIOUR_RULES.find((r) => r.title.startsWith(title));
  if (!found) throw new Error(title);
  return found;
}

function judge(title: string, r: LaneRecord, strict = false, context = ctx): CheckResult {
  const found = rule(title);
  const verdict = found.judge(r, context);
  return toResult(
    {
      id: found.id,
      section: 'behaviour',
      title: found.title,
      evidence: found.evidence,
      violations: verdict.violations,
      ...(verdict.skipped === undefined ? {} : { skipped: verdict.skipped }),
      ...(verdict.passReason === undefined ? {} : { passReason: verdict.passReason }),
    },
    strict,
  );
}

describe('a lane that keeps every rule', () => {
  it('passes each of them, strict', () => {
    const good = record(GOOD);
    for (const r of BEHAVIOUR_RULES) {
      const result = judge(r.title, good, true);
      expect(result.status, `${r.title}: ${result.reason}`).toBe('pass');
    }
    expect(judge('Rule 2', good).reason).toMatch(
      /^A, then C, then B ran one at a time; B and C waited as WAIT/,
    );
    expect(judge('Rule 3', good).reason).toContain('server times in UTC');
  });
});

describe('Rule 1 · a past trigger time starts at once', () => {
  it('fails when A never ran within the wait (documented)', () => {
    const r = record([{ A: 'INIT' }, { A: 'INIT' }], (x) => {
      x.waits = [
        x.waits[0] as LaneRecord['waits'][number],
        { id: 'A-starts', name: 'A runs', boundMs: 60_000, elapsedMs: 60_000, reached: false },
      ];
    });
    const result = judge('Rule 1', r);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(/^A \(3377-\d{14}\) was still INIT 60\.0 s after its trigger/);
  });

  it('is skipped when the flow was never idle: A queued behind another instance', () => {
    const r = record(GOOD, (x) => {
      (x.waits[0] as { reached: boolean }).reached = false;
    });
    expect(judge('Rule 1', r).status).toBe('skip');
    expect(judge('Rule 1', r).reason).toMatch(/still had an unfinished instance/);
  });
});

describe('Rule 2 · one at a time, WAIT, in trigger-time order', () => {
  it('two instances RUNNING in two reads in a row fail (documented)', () => {
    const r = record([
      { A: 'RUNNING', B: 'RUNNING', C: 'WAIT' },
      { A: 'RUNNING', B: 'RUNNING', C: 'WAIT' },
      ...GOOD.slice(2),
    ]);
    const result = judge('Rule 2', r);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /A \(\S+\) and B \(\S+\) were RUNNING at once \(from 0\.0 s into the lane, 2 reads\)/,
    );
  });

  it('one read that falls between an end and the next start is no overlap', () => {
    // A is read RUNNING just before it ends, C just after it started; the times show a handover.
    const r = record([
      { A: 'RUNNING', B: 'WAIT', C: 'WAIT', D: 'CANCEL' },
      {
        A: { status: 'RUNNING', start: '2026-01-01 12:00:00' },
        B: 'WAIT',
        C: { status: 'RUNNING', start: '2026-01-01 12:00:30' },
        D: 'CANCEL',
      },
      {
        A: { status: 'SUCCESS', start: '2026-01-01 12:00:00', end: '2026-01-01 12:00:30' },
        B: 'WAIT',
        C: { status: 'RUNNING', start: '2026-01-01 12:00:30' },
        D: 'CANCEL',
      },
      ...GOOD.slice(3),
    ]);
    expect(judge('Rule 2', r, true).status).toBe('pass');
  });

  it('one read of two RUNNING whose own times overlap fails', () => {
    const r = record([
      { A: 'RUNNING', B: 'WAIT', C: 'WAIT' },
      {
        A: { status: 'RUNNING', start: '2026-01-01 12:00:00' },
        B: 'WAIT',
        C: { status: 'RUNNING', start: '2026-01-01 12:00:10' },
      },
      {
        A: { status: 'SUCCESS', start: '2026-01-01 12:00:00', end: '2026-01-01 12:00:30' },
        B: 'WAIT',
        C: { status: 'SUCCESS', start: '2026-01-01 12:00:10', end: '2026-01-01 12:00:40' },
      },
      { B: { status: 'RUNNING', start: '2026-01-01 12:01:00' } },
      { B: { status: 'SUCCESS', start: '2026-01-01 12:01:00', end: '2026-01-01 12:01:30' } },
    ]);
    expect(judge('Rule 2', r).status).toBe('fail');
  });

  it('a queued instance that is not WAIT warns (inferred), and fails strict', () => {
    const r = record([{ A: 'RUNNING', B: 'INIT', C: 'WAIT', D: 'WAIT' }, ...GOOD.slice(1)]);
    expect(judge('Rule 2', r).status).toBe('warn');
    expect(judge('Rule 2', r).reason).toMatch(
      /^\(inferred\) B \(\S+\) was INIT when first read, while A \(\S+\) was RUNNING, where a queued instance shows WAIT/,
    );
    expect(judge('Rule 2', r, true).status).toBe('fail');
  });

  it('the later trigger time running first warns (inferred)', () => {
    const r = record([
      GOOD[0] as Sketch,
      GOOD[1] as Sketch,
      { A: 'SUCCESS', B: 'RUNNING', C: 'WAIT', D: 'CANCEL' },
      { B: 'SUCCESS', C: 'RUNNING', D: 'CANCEL' },
      { C: 'SUCCESS', D: 'CANCEL' },
    ]);
    const result = judge('Rule 2', r);
    expect(result.status).toBe('warn');
    expect(result.reason).toMatch(
      /B \(\S+\) ran before C \(\S+\), whose trigger time is earlier, while both waited/,
    );
  });

  it('a WAIT that never runs while nothing else runs fails (documented)', () => {
    const r = record(
      [
        GOOD[0] as Sketch,
        GOOD[1] as Sketch,
        { A: 'SUCCESS', B: 'WAIT', C: 'WAIT', D: 'CANCEL' },
        { B: 'WAIT', C: 'WAIT', D: 'CANCEL' },
      ],
      (x) => {
        const wait = x.waits.find((w) => w.id === 'C-ends') as { reached: boolean };
        wait.reached = false;
      },
    );
    const result = judge('Rule 2', r);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /C \(\S+\) stayed WAIT for 5\.0 s while no other instance of the flow ran/,
    );
  });

  it('is skipped when nothing queued, or when a wait was cut short', () => {
    const alone = record([
      { A: 'SUCCESS', B: 'RUNNING' },
      { B: 'SUCCESS', C: 'RUNNING' },
      { C: 'SUCCESS' },
    ]);
    expect(judge('Rule 2', alone).status).toBe('skip');
    expect(judge('Rule 2', alone).reason).toMatch(/^nothing queued behind a running instance/);
    const cut = record(GOOD.slice(0, 2), (x) => {
      (x.waits.find((w) => w.id === 'A-ends') as { reached: boolean }).reached = false;
    });
    expect(judge('Rule 2', cut).reason).toBe(
      'not judged to the end: the wait for "A-ends" did not end (see Waits)',
    );
  });
});

describe('Rule 3 · Get returns what Trigger created', () => {
  it('takes any time zone the server writes in, and names it', () => {
    const r = record(GOOD, (x) => {
      for (const s of x.samples) s.triggerTime = serverText(TIMES[s.label], 480);
    });
    expect(judge('Rule 3', r).status).toBe('pass');
    expect(judge('Rule 3', r).reason).toContain('server times in UTC+08:00');
  });

  it('fails on a trigger minute that is no zone of the trigger, another ID or another flow', () => {
    const minute = record(GOOD, (x) => {
      (x.samples[0] as { triggerTime: unknown }).triggerTime = serverText(
        TIMES.A + 7 * MINUTE_MS,
        0,
      );
    });
    expect(judge('Rule 3', minute).reason).toMatch(
      /^Get of A \(\S+\) answered triggerTime "[^"]+", which is not the trigger's minute/,
    );
    const other = record(GOOD, (x) => {
      Object.assign(x.samples[0] as object, { id: 'x', flowId: 1 });
    });
    expect(judge('Rule 3', other).reason).toMatch(
      /answered instanceId "x", not 3377-\d+ .*; Get of A \S+ answered flowId 1, not 3377/,
    );
    const refused = record(GOOD, (x) => {
      x.samples[0] = {
        tick: 1,
        at: 0,
        label: 'A',
        instanceId: idOf('A'),
        error: 'HTTP 200, code 62102: …',
      };
    });
    expect(judge('Rule 3', refused).status).toBe('fail');
  });

  it('reads the zone: minutes east of UTC, in whole quarter hours', () => {
    expect(zoneOffset('2026-01-01 10:00:37', T0)).toBe(0);
    expect(zoneOffset('2026-01-01 15:45:00', T0)).toBe(345);
    expect(zoneOffset('2026-01-01 10:07:37', T0)).toBeUndefined();
    expect(zoneOffset('not a time', T0)).toBeUndefined();
  });
});

describe('Rule 4 · List finds it', () => {
  it('fails when the page lacks it, or List refuses', () => {
    const missing = record(GOOD, (x) => {
      x.list = { ...(x.list as NonNullable<LaneRecord['list']>), listed: ['3377-1'], count: 1 };
    });
    expect(judge('Rule 4', missing).reason).toMatch(
      /^List with expression "3377-\d+" did not list A/,
    );
    const refused = record(GOOD, (x) => {
      x.list = { ...(x.list as NonNullable<LaneRecord['list']>), code: 62102 };
    });
    expect(judge('Rule 4', refused).status).toBe('fail');
  });
});

describe('Rule 5 · a cancelled waiting instance ends CANCEL and never runs', () => {
  it('warns when it runs after the cancel, or is not CANCEL (inferred), and fails strict', () => {
    const ran = record([
      GOOD[0] as Sketch,
      { ...GOOD[1], D: 'WAIT' },
      { ...GOOD[2], D: 'RUNNING' },
      { ...GOOD[3], D: 'SUCCESS' },
    ]);
    const result = judge('Rule 5', ran);
    expect(result.status).toBe('warn');
    expect(result.reason).toMatch(
      /^\(inferred\) D \(\S+\) ran after its cancel was accepted \(RUNNING at 10\.0 s into the lane\).*; \(inferred\) D \(\S+\) was SUCCESS, not CANCEL/,
    );
    expect(judge('Rule 5', ran, true).status).toBe('fail');
  });

  it('fails when the cancel of a waiting instance is refused (documented)', () => {
    const r = record(GOOD, (x) => {
      Object.assign(x.cancels[1] as object, { code: 62102, said: 'HTTP 200, code 62102: …' });
    });
    expect(judge('Rule 5', r).status).toBe('fail');
  });

  it('is skipped when D was not waiting when it was to be cancelled', () => {
    const r = record([{ A: 'RUNNING', D: 'RUNNING' }], (x) => {
      x.cancels = x.cancels.filter((c) => c.purpose !== 'rule');
    });
    expect(judge('Rule 5', r).reason).toMatch(
      /was RUNNING when the lane was to cancel it, not waiting/,
    );
  });
});

describe("Rule 6 · another user's instance is refused", () => {
  it('takes the evidence of each operation from the contract: Get inferred, Cancel documented', () => {
    expect(contract.notOwner.get.parts.when).toBe('inferred');
    expect(contract.notOwner.cancel.parts.when).toBe('documented');
    const get = record(GOOD, (x) => {
      Object.assign((x.foreign as NonNullable<LaneRecord['foreign']>).get, {
        code: 0,
        said: 'HTTP 200, code 0',
      });
    });
    expect(judge('Rule 6', get).status).toBe('warn');
    expect(judge('Rule 6', get, true).status).toBe('fail');
    const cancel = record([GOOD[0] as Sketch, { ...GOOD[1], D: 'CANCEL' }], (x) => {
      Object.assign((x.foreign as NonNullable<LaneRecord['foreign']>).cancel, {
        code: 0,
        said: 'HTTP 200, code 0',
      });
    });
    const result = judge('Rule 6', cancel);
    expect(result.status).toBe('fail');
    expect(result.reason).toMatch(
      /Cancel of D \(\S+\) as user other answered it as if it were theirs .*; the other user's cancel took effect/,
    );
  });

  it('is skipped, saying why, without another user', () => {
    const result = judge('Rule 6', record(GOOD), false, {
      ...ctx,
      noForeignUser: 'no other user: give --foreign-user-id',
    });
    expect(result).toMatchObject({
      status: 'skip',
      reason: 'no other user: give --foreign-user-id',
    });
  });
});

describe('Statuses and waits', () => {
  it('a status with the name of another code fails; one the contract lacks too', () => {
    const r = record(GOOD, (x) => {
      x.namedStatuses.push(
        { status: 5, statusDesc: 'RUNNING', where: 'Get 3377-1' },
        { status: 42, statusDesc: 'X', where: 'List' },
      );
    });
    expect(judge('Statuses', r).reason).toBe(
      'Get 3377-1: status 5 came with statusDesc "RUNNING", where the contract names 5 WAIT; List: status 42 is no status code the contract lists',
    );
  });

  it('a wait that reached its bound warns, naming it and the flag', () => {
    const r = record(GOOD, (x) => {
      Object.assign(x.waits[2] as object, {
        name: 'A (3377-1) ends',
        reached: false,
        elapsedMs: 60_000,
      });
    });
    const result = judge('Waits', r);
    expect(result.status).toBe('warn');
    expect(result.reason).toBe(
      '(inferred) "A (3377-1) ends" did not happen within 60.0 s (--behaviour-timeout): for a flow that takes longer, give a longer --behaviour-timeout',
    );
  });
});

describe("the lane's minutes, budget and Arazzo verdicts", () => {
  it('keeps D < A < C < B, every window before the run’s own minutes, whatever is taken', () => {
    const run = [10, 9, 8, 7, 6, 5].map((m) => m * MINUTE_MS + 100 * MINUTE_MS);
    const start = laneStartMinute(run);
    expect(start).toBeLessThan(Math.min(...run));
    const windows = (['D', 'A', 'C', 'B'] as Label[]).map((l) => labelMinutes(start, l));
    for (let i = 1; i < windows.length; i += 1) {
      expect(Math.max(...(windows[i - 1] as number[]))).toBeLessThan(
        Math.min(...(windows[i] as number[])),
      );
    }
  });

  it('announces triggers, cancels and waits, with the Arazzo workflows counted from the document', () => {
    const plan = arazzoPlan();
    expect(plan.file).toBe(behaviourArazzoFile());
    expect(plan.workflows.length).toBeGreaterThan(0);
    expect(plan.triggerSteps).toBe(7);
    expect(plan.cancelSteps).toBe(2);
    const text = laneBudgetText({
      flowId: FLOW,
      foreignUserId: 'other-user',
      laneStart: T0,
      timeoutMs: 300_000,
      intervalMs: 5000,
      arazzo: plan,
      sandboxClock: true,
    }).join('\n');
    expect(text).toContain(
      `flow ${FLOW}: 4 instances (A, B, C, D), with at most 24 trigger requests`,
    );
    expect(text).toContain(
      `at most ${plan.triggerSteps} more from the ${plan.workflows.length} Arazzo workflows`,
    );
    expect(text).toContain(
      '1 of D as user other-user, which a server that keeps the contract refuses (rule 6)',
    );
    expect(text).toContain(
      `one for each of its at most ${4 + plan.triggerSteps} instances still waiting`,
    );
    expect(text).toContain(
      "waits: at most 5, each within 300 s (--behaviour-timeout), reading every 5 s (--poll-interval); the bundled sandbox's clock is moved",
    );
  });

  it("bounds the lane's time by its waits and every request it may send, Respect's too", () => {
    // 5 waits; 24 trigger requests, 11 other reads, a tick (4 reads) past each wait; cleanup's
    // Get and Cancel of A, B, C and D.
    const alone = 5 * 300_000 + (24 + 11 + 20) * 15_000 + 8 * 15_000;
    expect(laneMaxMs(300_000, 15_000)).toBe(alone);
    // With Respect: 36 List probes (6 minutes of 6 windows), its limit and its 5 s grace, and
    // cleanup's List, Get and Cancel per Arazzo trigger minute (6).
    expect(laneMaxMs(300_000, 15_000, 240_000)).toBe(
      alone + 36 * 15_000 + 240_000 + 5000 + 6 * 3 * 15_000,
    );
  });

  it('leaves out a workflow whose input is not given, saying why', () => {
    const plan = arazzoPlan();
    const names = new Set(plan.workflows.flatMap((w) => w.inputs.required));
    const all = Object.fromEntries([...names].map((name) => [name, 1]));
    expect(chosenWorkflows(plan, { inputs: all, missing: {} })).toEqual({
      run: plan.workflows.map((w) => w.workflowId),
      left: [],
    });
    const { otherUserId: _none, ...withoutOther } = all;
    const why = 'no other user to ask as: give --foreign-user-id';
    expect(
      chosenWorkflows(plan, { inputs: withoutOther, missing: { otherUserId: why } }).left,
    ).toEqual([{ id: 'otherUserRefused', why }]);
    // An input this suite does not know how to give (a newer document): left out, saying so.
    const { flowId: _flow, ...withoutFlow } = all;
    const left = chosenWorkflows(plan, { inputs: withoutFlow, missing: {} }).left;
    expect(left).toHaveLength(plan.workflows.length);
    expect(left[0]?.why).toMatch(
      /needs the input flowId, which this version of the suite does not give/,
    );
  });

  it('gives each Arazzo step the evidence its x-enos-evidence says, and the reason when it fails', () => {
    const plan = arazzoPlan();
    const step = (id: string, passed: boolean) => ({
      id,
      passed,
      checks: [
        {
          name: 'success criteria check',
          passed,
          message: passed ? '' : 'code was 0',
          severity: 'error',
        },
      ],
    });
    const rows = respectRows(
      {
        workflows: [
          {
            id: 'otherUserRefused',
            passed: false,
            steps: [step('trigger', true), step('getAsOther', false), step('cancelAsOther', false)],
          },
          { id: 'cancelWaiting', passed: false, steps: [step('getLater', false)] },
        ],
        durationMs: 1,
        timedOut: false,
      },
      plan,
      [],
    ).map((o) => toResult(o, false));
    const by = (title: string) => rows.find((r) => r.title.startsWith(title)) as CheckResult;
    expect(by('Arazzo otherUserRefused · trigger').status).toBe('pass');
    expect(by('Arazzo otherUserRefused · getAsOther')).toMatchObject({
      status: 'warn',
      evidence: 'inferred',
    });
    expect(by('Arazzo otherUserRefused · getAsOther').hint).toMatch(
      /^What the step rests on \(inferred\): The contract's Get Flow Instance 62103/,
    );
    expect(by('Arazzo otherUserRefused · cancelAsOther')).toMatchObject({
      status: 'fail',
      evidence: 'documented',
    });
    expect(by('Arazzo cancelWaiting · getLater').status).toBe('warn');
    expect(by('Arazzo cancelWaiting · getLater').reason).toBe(
      '(inferred) success criteria check: code was 0',
    );
    // The workflows Respect did not run are rows too, skipped with the reason.
    expect(by('Arazzo triggerThenGet · all steps')).toMatchObject({
      status: 'skip',
      reason: 'Respect did not run it',
    });
  });

  it('reads the evidence from the document, not from code: a step marked otherwise is judged so', () => {
    const plan = arazzoPlan();
    const workflows = plan.workflows.map((w) =>
      w.workflowId !== 'cancelWaiting'
        ? w
        : {
            ...w,
            steps: w.steps.map((s) =>
              s.stepId === 'getLater'
                ? { ...s, evidence: { evidence: 'documented' as const, basis: 'a test' } }
                : s,
            ),
          },
    );
    const failing = {
      workflows: [
        {
          id: 'cancelWaiting',
          passed: false,
          steps: [{ id: 'getLater', passed: false, checks: [] }],
        },
      ],
      durationMs: 1,
      timedOut: false,
    };
    const status = (p: typeof plan) =>
      toResult(
        respectRows(failing, p, [])[0] as NonNullable<ReturnType<typeof respectRows>[0]>,
        false,
      ).status;
    expect(status(plan)).toBe('warn');
    expect(status({ ...plan, workflows })).toBe('fail');
  });
});
