/**
 * The instances of one workflow and how they move through time. A workflow runs one instance
 * at a time: an instance becomes eligible at its trigger time (or when it is accepted, if that
 * time is already past), and whenever the workflow is free the eligible instance with the
 * earliest trigger time starts. It ends after the workflow's run time, or when it is cancelled.
 *
 * Time is never read here: every call says what time it is, and the state is settled up to
 * that moment, so the outcome depends only on the sequence of calls and their times.
 */
import type { RunResult } from './fixtures.js';
import { MinHeap } from './min-heap.js';

/** What the sandbox records of an instance; its status as of a time is `statusAt`. */
export type RecordedStatus = 'WAIT' | 'RUNNING' | RunResult | 'CANCEL';

/**
 * The statuses a sandbox instance takes, named as the contract names them: INIT until its
 * trigger time comes, WAIT while an earlier one runs, then RUNNING, and SUCCESS, FAIL or CANCEL.
 */
export type InstanceStatus = 'INIT' | RecordedStatus;

export interface Instance {
  flowInstanceId: string;
  flowId: number;
  triggerTime: number;
  acceptedAt: number;
  /** Its place among every instance the sandbox accepted: the order they were created in. */
  sequence: number;
  status: RecordedStatus;
  startedAt?: number;
  /** When it finished, or was cancelled. */
  endedAt?: number;
}

export interface FlowRunSettings {
  runMs: number;
  result: RunResult;
}

/** The status of an instance as of `now`: a waiting one is INIT until it is eligible. */
export function statusAt(instance: Instance, now: number): InstanceStatus {
  return instance.status === 'WAIT' && eligibleAt(instance) > now ? 'INIT' : instance.status;
}

/** Has it finished (SUCCESS, FAIL or CANCEL)? Nothing changes it any more. */
export function hasFinished(instance: Instance): boolean {
  return instance.status !== 'WAIT' && instance.status !== 'RUNNING';
}

export class FlowRuns {
  /** Every accepted instance, in the order it was accepted. */
  readonly instances: Instance[] = [];
  private readonly byId = new Map<string, Instance>();
  /** Waiting instances not yet moved to `eligible`, the soonest eligible first. */
  private readonly upcoming = new MinHeap<Instance>(
    (a, b) =>
      eligibleAt(a) < eligibleAt(b) || (eligibleAt(a) === eligibleAt(b) && a.sequence < b.sequence),
  );
  /**
   * Waiting instances eligible by the time the workflow is next free, in the order they start:
   * the earliest trigger time first, then the first accepted. A cancelled one is dropped when
   * it comes to the top of either queue.
   */
  private readonly eligible = new MinHeap<Instance>(
    (a, b) =>
      a.triggerTime < b.triggerTime || (a.triggerTime === b.triggerTime && a.sequence < b.sequence),
  );
  private running: Instance | undefined;
  /** When the last run ended: nothing can start before it. */
  private freeAt = Number.NEGATIVE_INFINITY;

  /**
   * @param nextSequence the sequence of the next instance accepted, shared by the workflows of
   *   one sandbox so that instances sort in the order they were made; by default, this
   *   workflow's own count
   */
  constructor(
    private readonly settings: FlowRunSettings,
    private readonly nextSequence: () => number = counter(),
  ) {}

  has(flowInstanceId: string): boolean {
    return this.byId.has(flowInstanceId);
  }

  get(flowInstanceId: string): Instance | undefined {
    return this.byId.get(flowInstanceId);
  }

  /** Accept a new instance at `now`. The caller has checked that its ID is new. */
  accept(flowInstanceId: string, flowId: number, triggerTime: number, now: number): Instance {
    this.settle(now);
    const instance: Instance = {
      flowInstanceId,
      flowId,
      triggerTime,
      acceptedAt: now,
      sequence: this.nextSequence(),
      status: 'WAIT',
    };
    this.instances.push(instance);
    this.byId.set(flowInstanceId, instance);
    this.upcoming.push(instance);
    this.settle(now);
    return instance;
  }

  /**
   * Cancel an instance of this workflow at `now`: a waiting one never runs; a running one ends,
   * and the workflow is free for the next. False, and nothing changed, when it had finished.
   */
  cancel(instance: Instance, now: number): boolean {
    this.settle(now);
    if (hasFinished(instance)) return false;
    if (instance === this.running) {
      this.running = undefined;
      this.freeAt = now;
    }
    instance.status = 'CANCEL';
    instance.endedAt = now;
    this.settle(now);
    return true;
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
      // Every instance in `eligible` was eligible by the time the last run started, so by
      // `freeAt`: the next start is then, or when the soonest upcoming one becomes eligible.
      const waitingEligible = liveTop(this.eligible) !== undefined;
      const upcoming = liveTop(this.upcoming);
      if (!waitingEligible && !upcoming) return;
      const at = waitingEligible
        ? this.freeAt
        : Math.max(this.freeAt, eligibleAt(upcoming as Instance));
      if (at > now) return;
      for (let next = liveTop(this.upcoming); next && eligibleAt(next) <= at; ) {
        this.eligible.push(this.upcoming.pop() as Instance);
        next = liveTop(this.upcoming);
      }
      // At least one is eligible now: one already was, or the upcoming one just moved over.
      const starting = liveTop(this.eligible) as Instance;
      this.eligible.pop();
      starting.status = 'RUNNING';
      starting.startedAt = at;
      this.running = starting;
    }
  }
}

/** The first instance of a queue that still waits, dropping cancelled ones on the way. */
function liveTop(queue: MinHeap<Instance>): Instance | undefined {
  while (queue.peek() && queue.peek()?.status !== 'WAIT') queue.pop();
  return queue.peek();
}

function counter(): () => number {
  let next = 0;
  return () => next++;
}

/** A past trigger time runs as soon as the instance is accepted; a future one waits for it. */
function eligibleAt(instance: Instance): number {
  return Math.max(instance.triggerTime, instance.acceptedAt);
}
