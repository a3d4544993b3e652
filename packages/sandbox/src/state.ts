/**
 * What a running sandbox knows: its fixtures (indexed for the hot path), the instances of each
 * flow, the tokens it issued and the faults in force. Seeding new fixtures starts the world
 * again; tokens survive it for apps that still exist, so a client's cached token keeps working.
 */
import { FaultStore } from './faults.js';
import type { AppFixture, FlowFixture, ResolvedFixtures, UserFixture } from './fixtures.js';
import { flowIdOf } from './instance-id.js';
import { FlowRuns, type Instance } from './instances.js';
import { TokenStore } from './tokens.js';

export interface FlowState {
  fixture: Required<FlowFixture>;
  runs: FlowRuns;
}

/** An instance with the workflow it belongs to. */
export interface FoundInstance {
  flow: FlowState;
  instance: Instance;
}

export class SandboxState {
  apps = new Map<string, Required<AppFixture>>();
  users = new Map<string, Required<UserFixture>>();
  flows = new Map<number, FlowState>();
  readonly tokens = new TokenStore();
  readonly faults = new FaultStore();
  private current: ResolvedFixtures;
  /** How many instances were accepted since the sandbox started: the next one's sequence. */
  private accepted = 0;
  private readonly sequence = () => this.accepted++;

  constructor(readonly initial: ResolvedFixtures) {
    this.current = initial;
    this.seed(initial);
  }

  get fixtures(): ResolvedFixtures {
    return this.current;
  }

  /** Serve these fixtures from now on, with no instance and no fault. */
  seed(fixtures: ResolvedFixtures): void {
    this.current = fixtures;
    this.apps = new Map(fixtures.apps.map((a) => [a.appKey, a]));
    this.users = new Map(fixtures.users.map((u) => [u.userId, u]));
    this.flows = new Map(
      fixtures.flows.map((f) => [f.flowId, { fixture: f, runs: new FlowRuns(f, this.sequence) }]),
    );
    this.tokens.keepApps(new Set(this.apps.keys()));
    this.faults.clear();
  }

  /**
   * Lock or unlock a user until the next seed or reset; the user after, or undefined if there is
   * none. The entry is replaced, not changed: the seeded fixtures stay as they were, for reset.
   */
  setUserLocked(userId: string, locked: boolean): Required<UserFixture> | undefined {
    const user = this.users.get(userId);
    if (!user) return undefined;
    const changed = { ...user, locked };
    this.users.set(userId, changed);
    return changed;
  }

  /** As setUserLocked, for a workflow: its state after, or undefined if there is none. */
  setFlowLocked(flowId: number, locked: boolean): FlowState | undefined {
    const flow = this.flows.get(flowId);
    if (!flow) return undefined;
    flow.fixture = { ...flow.fixture, locked };
    return flow;
  }

  /** The instance with this ID, found through the workflow ID it starts with; or undefined. */
  findInstance(flowInstanceId: string): FoundInstance | undefined {
    const flowId = flowIdOf(flowInstanceId);
    const flow = flowId === undefined ? undefined : this.flows.get(flowId);
    const instance = flow?.runs.get(flowInstanceId);
    return flow && instance ? { flow, instance } : undefined;
  }
}
