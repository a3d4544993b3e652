/**
 * What a set of fixtures offers a conformance run against this sandbox: who to be, and a flow
 * or user of each kind its checks need. The conformance suite reads it for its bundled
 * sandbox, and `npm start`'s banner prints it as the suite's flags: one rule for both.
 */
import type { AppFixture, Fixtures, UserFixture } from './fixtures.js';

export interface ConformanceFixtures {
  app: AppFixture;
  /** The owner of `flowId`. */
  user: UserFixture;
  /** A flow its unlocked owner may trigger (`--flow-id`). */
  flowId: number;
  /** A flow of the same owner without tasks: 62104 (`--no-task-flow-id`). */
  noTaskFlowId?: number;
  /** A flow of another, unlocked user: 62103 (`--foreign-flow-id`). */
  foreignFlowId?: number;
  /**
   * The owner of `foreignFlowId`, when in the organization of `user`. The sandbox authenticates
   * apps, not users, so a run can trigger that flow as this user (with `user`'s orgId) and so
   * hold an instance of another user, which Get and Cancel Flow Instance refuse to `user` with
   * 62103.
   */
  foreignUserId?: string;
  /** A locked flow of the same owner: 62106 (`--locked-flow-id`). */
  lockedFlowId?: number;
  /** A locked user of the same organization: 62105 (`--locked-user-id`). */
  lockedUserId?: string;
}

/**
 * The first flow of each kind, or none where the fixtures have none.
 * @param taken flows named already (by the run's flags): never offered for another kind
 */
export function conformanceFixtures(
  fixtures: Fixtures,
  taken: ReadonlySet<number> = new Set(),
): ConformanceFixtures | undefined {
  const { apps, users, flows } = fixtures;
  const unlocked = (userId: string) => users.some((u) => u.userId === userId && !u.locked);
  const main = flows.find((f) => f.hasTasks && !f.locked && unlocked(f.owner));
  const app = apps[0];
  const user = users.find((u) => u.userId === main?.owner);
  if (!main || !app || !user) return undefined;
  const free = flows.filter((f) => f.flowId !== main.flowId && !taken.has(f.flowId));
  const noTask = free.find((f) => f.owner === main.owner && !f.hasTasks && !f.locked);
  const foreign = free.find(
    (f) => f.owner !== main.owner && f.hasTasks && !f.locked && unlocked(f.owner),
  );
  const foreignUser = users.find((u) => u.userId === foreign?.owner && u.orgId === user.orgId);
  const locked = free.find((f) => f.owner === main.owner && f.locked);
  const lockedUser = users.find(
    (u) => u.locked && u.orgId === user.orgId && u.userId !== user.userId,
  );
  return {
    app,
    user,
    flowId: main.flowId,
    ...(noTask && { noTaskFlowId: noTask.flowId }),
    ...(foreign && { foreignFlowId: foreign.flowId }),
    ...(foreignUser && { foreignUserId: foreignUser.userId }),
    ...(locked && { lockedFlowId: locked.flowId }),
    ...(lockedUser && { lockedUserId: lockedUser.userId }),
  };
}
