import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowRuns, type Instance, statusAt } from '../src/instances.js';

const RUN = 1000;
const runs = (result: 'SUCCESS' | 'FAIL' = 'SUCCESS') => new FlowRuns({ runMs: RUN, result });
const statuses = (flow: FlowRuns) => flow.instances.map((i) => [i.flowInstanceId, i.status]);

describe('one flow', () => {
  it('runs a past trigger time at once and ends after the run time', () => {
    const flow = runs();
    const a = flow.accept('a', 1, 0, 5000);
    expect(a).toMatchObject({ status: 'RUNNING', startedAt: 5000 });
    flow.settle(5999);
    expect(a.status).toBe('RUNNING');
    flow.settle(6000);
    expect(a).toMatchObject({ status: 'SUCCESS', endedAt: 6000 });
  });

  it('ends in FAIL where the flow says so', () => {
    const flow = runs('FAIL');
    const a = flow.accept('a', 1, 0, 0);
    flow.settle(RUN);
    expect(a.status).toBe('FAIL');
  });

  it('keeps a future trigger time waiting until then, INIT until it comes', () => {
    const flow = runs();
    const a = flow.accept('a', 1, 10_000, 0);
    expect(a.status).toBe('WAIT');
    expect(statusAt(a, 0)).toBe('INIT');
    flow.settle(9999);
    expect(statusAt(a, 9999)).toBe('INIT');
    flow.settle(10_000);
    expect(a).toMatchObject({ status: 'RUNNING', startedAt: 10_000 });
  });

  it('shows a due instance behind a running one as WAIT', () => {
    const flow = runs();
    flow.accept('first', 1, 0, 0);
    const second = flow.accept('second', 1, 500, 0);
    flow.settle(600);
    expect([second.status, statusAt(second, 600)]).toEqual(['WAIT', 'WAIT']);
  });

  it('runs one instance at a time, the others in trigger-time order', () => {
    const flow = runs();
    flow.accept('first', 1, 0, 0);
    flow.accept('late', 1, 300, 100);
    flow.accept('early', 1, 200, 100);
    expect(statuses(flow)).toEqual([
      ['first', 'RUNNING'],
      ['late', 'WAIT'],
      ['early', 'WAIT'],
    ]);
    flow.settle(RUN);
    expect(statuses(flow)).toEqual([
      ['first', 'SUCCESS'],
      ['late', 'WAIT'],
      ['early', 'RUNNING'],
    ]);
    flow.settle(3 * RUN);
    expect(flow.instances.map((i) => i.startedAt)).toEqual([0, 2 * RUN, RUN]);
    expect(statuses(flow).every(([, s]) => s === 'SUCCESS')).toBe(true);
  });

  it('starts an instance when it falls due even if it was settled long after', () => {
    const flow = runs();
    flow.accept('a', 1, 500, 0);
    flow.accept('b', 1, 10_000, 0);
    flow.settle(50_000);
    expect(flow.instances.map((i) => [i.startedAt, i.endedAt])).toEqual([
      [500, 500 + RUN],
      [10_000, 10_000 + RUN],
    ]);
  });
});

describe('cancelling', () => {
  it('ends a waiting instance CANCEL at once; it never runs, and the others keep their order', () => {
    const flow = runs();
    flow.accept('first', 1, 0, 0);
    const second = flow.accept('second', 1, 100, 0);
    const third = flow.accept('third', 1, 200, 0);
    expect(flow.cancel(second, 300)).toBe(true);
    expect(second).toMatchObject({ status: 'CANCEL', endedAt: 300 });
    expect(second.startedAt).toBeUndefined();
    flow.settle(10 * RUN);
    expect(second.status).toBe('CANCEL');
    expect(third).toMatchObject({ status: 'SUCCESS', startedAt: RUN });
  });

  it('ends a running instance CANCEL and starts the next waiting one at that moment', () => {
    const flow = runs();
    const first = flow.accept('first', 1, 0, 0);
    const second = flow.accept('second', 1, 100, 0);
    expect(flow.cancel(first, 400)).toBe(true);
    expect(first).toMatchObject({ status: 'CANCEL', startedAt: 0, endedAt: 400 });
    expect(second).toMatchObject({ status: 'RUNNING', startedAt: 400 });
    flow.settle(400 + RUN);
    expect(second).toMatchObject({ status: 'SUCCESS', endedAt: 400 + RUN });
  });

  it('does not change a finished instance, and says so', () => {
    const flow = runs();
    const first = flow.accept('first', 1, 0, 0);
    expect(flow.cancel(first, RUN)).toBe(false);
    expect(first).toMatchObject({ status: 'SUCCESS', endedAt: RUN });
    const second = flow.accept('second', 1, 5 * RUN, RUN);
    expect(flow.cancel(second, RUN)).toBe(true);
    expect(flow.cancel(second, RUN)).toBe(false);
  });
});

/**
 * A model check: for any sequence of triggers at non-decreasing times, at any moment at most one
 * instance runs; no instance starts before it is eligible; none waits while the flow is idle;
 * and whenever one starts, no instance eligible by then has an earlier trigger time.
 */
describe('any sequence of triggers', () => {
  it('keeps the one-at-a-time rule and trigger-time order', () => {
    const step = fc.record({
      after: fc.integer({ min: 0, max: 3 * RUN }),
      triggerOffset: fc.integer({ min: -5 * RUN, max: 5 * RUN }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 25 }), (steps) => {
        const flow = runs();
        let now = 0;
        steps.forEach(({ after, triggerOffset }, n) => {
          now += after;
          flow.accept(`i${n}`, 1, now + triggerOffset, now);
          expect(running(flow, now)).toBeLessThanOrEqual(1);
        });
        flow.settle(now + 100 * RUN);
        checkSchedule(flow.instances);
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * The same with cancels among the triggers: a cancelled instance that had not started never
 * runs; runs never overlap, the workflow is never idle while one is eligible, and trigger-time
 * order holds among those still waiting.
 */
describe('any sequence of triggers and cancels', () => {
  it('keeps the one-at-a-time rule, trigger-time order, and never runs a cancelled instance', () => {
    const step = fc.record({
      after: fc.integer({ min: 0, max: 2 * RUN }),
      triggerOffset: fc.integer({ min: -5 * RUN, max: 5 * RUN }),
      cancel: fc.option(fc.nat(), { freq: 3 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const flow = runs();
        const cancelledWaiting = new Set<Instance>();
        let now = 0;
        steps.forEach(({ after, triggerOffset, cancel }, n) => {
          now += after;
          if (cancel !== null && flow.instances.length > 0) {
            const victim = flow.instances[cancel % flow.instances.length] as Instance;
            flow.settle(now);
            const wasWaiting = victim.status === 'WAIT';
            if (flow.cancel(victim, now) && wasWaiting) cancelledWaiting.add(victim);
          } else {
            flow.accept(`i${n}`, 1, now + triggerOffset, now);
          }
          expect(running(flow, now)).toBeLessThanOrEqual(1);
        });
        flow.settle(now + 100 * RUN);
        for (const victim of cancelledWaiting) expect(victim.startedAt).toBeUndefined();
        checkRuns(flow.instances);
      }),
      { numRuns: 500 },
    );
  });
});

function checkRuns(instances: Instance[]): void {
  const eligible = (i: Instance) => Math.max(i.triggerTime, i.acceptedAt);
  const ran = instances
    .filter((i) => i.startedAt !== undefined)
    .sort((a, b) => (a.startedAt as number) - (b.startedAt as number));
  ran.forEach((inst, n) => {
    const start = inst.startedAt as number;
    expect(start).toBeGreaterThanOrEqual(eligible(inst));
    const previous = ran[n - 1];
    const idleFrom = previous ? (previous.endedAt as number) : Number.NEGATIVE_INFINITY;
    expect(start).toBe(Math.max(idleFrom, eligible(inst)));
    for (const other of instances) {
      const waitingThen =
        other !== inst &&
        other.acceptedAt < start &&
        eligible(other) <= start &&
        (other.startedAt === undefined
          ? (other.endedAt ?? Infinity) > start
          : other.startedAt > start);
      if (waitingThen) expect(other.triggerTime).toBeGreaterThanOrEqual(inst.triggerTime);
    }
  });
}

function running(flow: FlowRuns, now: number): number {
  flow.settle(now);
  return flow.instances.filter((i) => i.status === 'RUNNING').length;
}

function checkSchedule(instances: Instance[]): void {
  const eligible = (i: Instance) => Math.max(i.triggerTime, i.acceptedAt);
  const byStart = [...instances].sort((a, b) => (a.startedAt as number) - (b.startedAt as number));
  byStart.forEach((inst, n) => {
    expect(inst.status).toBe('SUCCESS');
    const start = inst.startedAt as number;
    expect(start).toBeGreaterThanOrEqual(eligible(inst));
    expect(inst.endedAt).toBe(start + RUN);
    const previous = byStart[n - 1];
    if (previous) {
      // No overlap, and no idle gap while this one was already eligible.
      expect(start).toBeGreaterThanOrEqual(previous.endedAt as number);
      expect(start).toBe(Math.max(previous.endedAt as number, eligible(inst)));
    }
    // Among those already waiting and eligible when it started, it has the earliest trigger
    // time. (One accepted at the very instant it started may have come just after it.)
    for (const other of byStart.slice(n + 1)) {
      if (other.acceptedAt < start && eligible(other) <= start) {
        expect(other.triggerTime).toBeGreaterThanOrEqual(inst.triggerTime);
      }
    }
  });
}
