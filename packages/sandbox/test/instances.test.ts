import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowRuns, type Instance } from '../src/instances.js';

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

  it('keeps a future trigger time waiting until then', () => {
    const flow = runs();
    const a = flow.accept('a', 1, 10_000, 0);
    expect(a.status).toBe('WAIT');
    flow.settle(9999);
    expect(a.status).toBe('WAIT');
    flow.settle(10_000);
    expect(a).toMatchObject({ status: 'RUNNING', startedAt: 10_000 });
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
