/**
 * What a test can do to a running sandbox: seed or reset fixtures, lock users and flows, read
 * flows and instances, drive a manual clock, inject faults. The programmatic API and the HTTP
 * control API under /__sandbox/ are both this object.
 */
import type { Clock, ManualClock } from './clock.js';
import type { Fault } from './faults.js';
import { type Fixtures, type RunResult, resolveFixtures, type UserFixture } from './fixtures.js';
import { type InstanceStatus, statusAt } from './instances.js';
import type { SandboxState } from './state.js';

export interface InstanceView {
  flowInstanceId: string;
  triggerTime: number;
  acceptedAt: number;
  /** As of the view's `now`, named as the contract names statuses. */
  status: InstanceStatus;
  startedAt: number | null;
  /** When it finished, or was cancelled. */
  endedAt: number | null;
}

export interface FlowView {
  flowId: number;
  name: string;
  owner: string;
  hasTasks: boolean;
  locked: boolean;
  runMs: number;
  result: RunResult;
  /** In the order they were accepted. */
  instances: InstanceView[];
}

/** Asked of a sandbox whose clock is not manual. */
export class ClockNotManualError extends Error {
  override readonly name = 'ClockNotManualError';
  constructor() {
    super(
      'The sandbox runs on the system clock, which cannot be moved. Start it with a manual clock (clock: "manual", or --clock manual).',
    );
  }
}

/** Asked to change a user or a flow the sandbox's fixtures do not have. */
export class NotInFixturesError extends Error {
  override readonly name = 'NotInFixturesError';
  constructor(what: string) {
    super(
      `The sandbox's fixtures have no ${what}: name one they have (GET /__sandbox/flows lists the flows and their owners), or seed fixtures that have it.`,
    );
  }
}

export class SandboxControl {
  constructor(
    private readonly state: SandboxState,
    readonly clock: Clock,
  ) {}

  /** Serve these fixtures from now on; they are checked whole first (FixturesError). */
  seed(fixtures: Fixtures): void {
    this.state.seed(resolveFixtures(fixtures));
  }

  /** Back to the fixtures the sandbox started with, with no instance and no fault. */
  reset(): void {
    this.state.seed(this.state.initial);
  }

  /** Every flow with its instances, as of the sandbox clock's now. */
  flows(): FlowView[] {
    const now = this.clock.now();
    return [...this.state.flows.values()].map(({ fixture, runs }) => {
      runs.settle(now);
      return {
        ...fixture,
        instances: runs.instances.map((i) => ({
          flowInstanceId: i.flowInstanceId,
          triggerTime: i.triggerTime,
          acceptedAt: i.acceptedAt,
          status: statusAt(i, now),
          startedAt: i.startedAt ?? null,
          endedAt: i.endedAt ?? null,
        })),
      };
    });
  }

  flow(flowId: number): FlowView | undefined {
    return this.flows().find((f) => f.flowId === flowId);
  }

  /**
   * Lock or unlock a user until the next seed or reset, as an administrator would after the
   * user's instances were made: the operations whose prerequisites forbid a locked user (Trigger
   * Flow, Cancel Flow Instance) then refuse it. NotInFixturesError if there is no such user.
   */
  setUserLocked(userId: string, locked: boolean): Required<UserFixture> {
    const user = this.state.setUserLocked(userId, locked);
    if (!user) throw new NotInFixturesError(`user ${JSON.stringify(userId)}`);
    return user;
  }

  /** As setUserLocked, for a workflow; the flow after. */
  setFlowLocked(flowId: number, locked: boolean): FlowView {
    if (!this.state.setFlowLocked(flowId, locked)) {
      throw new NotInFixturesError(`flow ${flowId}`);
    }
    return this.flow(flowId) as FlowView;
  }

  /** Inject a fault (FaultSpecError if the spec is wrong). See FaultSpec. */
  injectFault(spec: unknown): Fault {
    return this.state.faults.add(spec, this.clock.now());
  }

  faults(): Fault[] {
    return this.state.faults.list(this.clock.now());
  }

  clearFaults(): void {
    this.state.faults.clear();
  }

  /** Move a manual clock forward by `ms`; the new time. */
  advanceClock(ms: number): number {
    return this.manualClock().advance(ms);
  }

  /** Move a manual clock forward to `when` (epoch ms); the new time. */
  setClock(when: number): number {
    return this.manualClock().set(when);
  }

  private manualClock(): ManualClock {
    if (this.clock.kind !== 'manual') throw new ClockNotManualError();
    return this.clock as ManualClock;
  }
}
