/**
 * What a running sandbox knows: its fixtures (indexed for the hot path), the instances of each
 * flow, the tokens it issued and the faults in force. Seeding new fixtures starts the world
 * again; tokens survive it for apps that still exist, so a client's cached token keeps working.
 */
import { FaultStore } from './faults.js';
import type { AppFixture, FlowFixture, ResolvedFixtures, UserFixture } from './fixtures.js';
import { FlowRuns } from './instances.js';
import { TokenStore } from './tokens.js';

export interface FlowState {
  fixture: Required<FlowFixture>;
  runs: FlowRuns;
}

export class SandboxState {
  apps = new Map<string, Required<AppFixture>>();
  users = new Map<string, Required<UserFixture>>();
  flows = new Map<number, FlowState>();
  readonly tokens = new TokenStore();
  readonly faults = new FaultStore();
  private current: ResolvedFixtures;

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
      fixtures.flows.map((f) => [f.flowId, { fixture: f, runs: new FlowRuns(f) }]),
    );
    this.tokens.keepApps(new Set(this.apps.keys()));
    this.faults.clear();
  }
}
