/**
 * The instances of one workflow and how they move through time. A workflow runs one instance
 * at a time: an instance becomes eligible at its trigger time (or when it is accepted, if that
 * time is already past), and whenever the workflow is free the eligible instance with the
 * earliest trigger time starts. It ends after the workflow's run time.
 *
 * Time is never read here: every call says what time it is, and the state is settled up to
 * that moment, so the outcome depends only on the sequence of calls and their times.
 */
import type { RunResult } from './fixtures.js';

export type InstanceStatus = 'WAIT' | 'RUNNING' | RunResult;

export interface Instance {
  flowInstanceId: string;
  flowId: number;
  triggerTime: number;
  acceptedAt: number;
  status: InstanceStatus;
  startedAt?: number;
  endedAt?: number;
}

export interface FlowRunSettings {
  runMs: number;
  result: RunResult;
}

export class FlowRuns {
  /** Every accepted instance, in the order it was accepted. */
  readonly instances: Instance[] = [];
  private readonly ids = new Set<string>();
  private readonly waiting: Instance[] = [];
  private running: Instance | undefined;
  /** When the last run ended: nothing can start before it. */
  private freeAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly settings: FlowRunSettings) {}

  has(flowInstanceId: string): boolean {
    return this.ids.has(flowInstanceId);
  }

  /** Accept a new instance at `now`. The caller has checked that its ID is new. */
  accept(flowInstanceId: string, flowId: number, triggerTime: number, now: number): Instance {
    this.settle(now);
    const instance: Instance = {
      flowInstanceId,
      flowId,
      triggerTime,
      acceptedAt: now,
      status: 'WAIT',
    };
    this.instances.push(instance);
    this.ids.add(flowInstanceId);
    this.waiting.push(instance);
    this.settle(now);
    return instance;
  }

  /** Bring every instance's status up to `now`. */
  settle(now: number): void {
    for (;;) {
      const running = this.running;
      if (running) {
        const endsAt = (running.startedAt as number) + this.settings.runMs;
        if (endsAt > now) return;
        running.status = this.settings.result;
        running.endedAt = endsAt;
        this.freeAt = endsAt;
        this.running = undefined;
      }
      const next = this.nextToStart(now);
      if (!next) return;
      this.waiting.splice(this.waiting.indexOf(next.instance), 1);
      next.instance.status = 'RUNNING';
      next.instance.startedAt = next.at;
      this.running = next.instance;
    }
  }

  /** The waiting instance that starts next, and when, if that is no later than `now`. */
  private nextToStart(now: number): { instance: Instance; at: number } | undefined {
    if (this.waiting.length === 0) return undefined;
    let soonest = Number.POSITIVE_INFINITY;
    for (const w of this.waiting) soonest = Math.min(soonest, eligibleAt(w));
    const at = Math.max(this.freeAt, soonest);
    if (at > now) return undefined;
    let chosen: Instance | undefined;
    for (const w of this.waiting) {
      if (eligibleAt(w) > at) continue;
      // Trigger-time order; among equal trigger times, the one accepted first.
      if (!chosen || w.triggerTime < chosen.triggerTime) chosen = w;
    }
    return chosen && { instance: chosen, at };
  }
}

/** A past trigger time runs as soon as the instance is accepted; a future one waits for it. */
function eligibleAt(instance: Instance): number {
  return Math.max(instance.triggerTime, instance.acceptedAt);
}
