/** What `npm start` prints once the stack is up: where things are and what to try first. */
import { defaultFixtures, type Fixtures } from '@enos-trigger/sandbox';
import type { RunningStack } from './stack.js';

/** The conformance suite's flow flags, and the kind of flow each one wants. */
export interface ConformanceFlows {
  /** `--flow-id`: a flow the run may trigger. */
  flowId: number;
  /** `--no-task-flow-id`: a flow of the same owner without tasks (the 62104 check). */
  noTaskFlowId?: number;
  /** `--foreign-flow-id`: a flow of another, unlocked user (the 62103 check). */
  foreignFlowId?: number;
  /** `--locked-flow-id`: a locked flow of the same owner (the 62106 check). */
  lockedFlowId?: number;
  /** `--locked-user-id`: a locked user of the same organization (the 62105 check). */
  lockedUserId?: string;
}

/**
 * Every flow the sandbox offers the conformance suite, read from its fixtures as the suite
 * reads them for its bundled sandbox: the first flow its owner may trigger, a flow of that
 * owner without tasks, a flow of another user, a locked flow of that owner and a locked user
 * of that organization. A check whose flow or user is not given is skipped.
 */
export function conformanceFlows(fixtures: Fixtures = defaultFixtures): ConformanceFlows {
  const unlocked = (userId: string) =>
    fixtures.users.some((user) => user.userId === userId && !user.locked);
  const main = fixtures.flows.find((f) => f.hasTasks && !f.locked && unlocked(f.owner));
  if (!main) throw new Error("The sandbox's fixtures have no flow its owner may trigger.");
  const noTask = fixtures.flows.find((f) => f.owner === main.owner && !f.hasTasks && !f.locked);
  const foreign = fixtures.flows.find(
    (f) => f.owner !== main.owner && f.hasTasks && !f.locked && unlocked(f.owner),
  );
  const locked = fixtures.flows.find((f) => f.owner === main.owner && f.locked);
  const orgId = fixtures.users.find((user) => user.userId === main.owner)?.orgId;
  const lockedUser = fixtures.users.find(
    (user) => user.locked && user.orgId === orgId && user.userId !== main.owner,
  );
  return {
    flowId: main.flowId,
    ...(noTask && { noTaskFlowId: noTask.flowId }),
    ...(foreign && { foreignFlowId: foreign.flowId }),
    ...(locked && { lockedFlowId: locked.flowId }),
    ...(lockedUser && { lockedUserId: lockedUser.userId }),
  };
}

/** The flags that give the conformance suite those flows. */
export function conformanceFlowFlags(flows: ConformanceFlows = conformanceFlows()): string {
  return [
    `--flow-id ${flows.flowId}`,
    flows.noTaskFlowId === undefined ? '' : `--no-task-flow-id ${flows.noTaskFlowId}`,
    flows.foreignFlowId === undefined ? '' : `--foreign-flow-id ${flows.foreignFlowId}`,
    flows.lockedFlowId === undefined ? '' : `--locked-flow-id ${flows.lockedFlowId}`,
    flows.lockedUserId === undefined ? '' : `--locked-user-id ${flows.lockedUserId}`,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * A flow other than `flowId` that its owner may also trigger. Every trigger is for the minute it
 * is sent in, and a flow takes one trigger a minute: the banner's curl sample triggers one flow
 * and its client example another, so a newcomer who runs both at once sees both succeed.
 */
export function anotherTriggerableFlow(
  flowId: number,
  fixtures: Fixtures = defaultFixtures,
): number | undefined {
  const owner = fixtures.flows.find((f) => f.flowId === flowId)?.owner;
  const unlocked = fixtures.users.some((user) => user.userId === owner && !user.locked);
  return fixtures.flows.find(
    (f) => f.flowId !== flowId && f.owner === owner && f.hasTasks && !f.locked && unlocked,
  )?.flowId;
}

export function banner(stack: RunningStack): string {
  const { urls } = stack;
  const app = defaultFixtures.apps[0];
  const user = defaultFixtures.users[0];
  // The flow the docs' samples trigger: the contract's example, the sandbox's first flow.
  const flow = defaultFixtures.flows[0];
  const clientFlow = flow && anotherTriggerableFlow(flow.flowId);
  const clientExample = ['npx tsx packages/client/examples/trigger-flow.ts', clientFlow]
    .filter((part) => part !== undefined)
    .join(' ');
  return `
EnOS Trigger Flow toolkit, running locally (Ctrl-C stops it all)

  docs      ${urls.docs}      (the page itself: ${stack.docsFile})
  mock      ${urls.mock}      (Prism, answers as the contract documents)
  sandbox   ${urls.sandbox}      (stateful, behaves like the real service)

Sandbox credentials
  app key ${app?.appKey}   app secret ${app?.appSecret}
  user    ${user?.userId}      org        ${user?.orgId}      flow ${flow?.flowId}

Trigger flow ${flow?.flowId} now with curl, signing in shell (the docs' sample):
  ENOS_BASE_URL=${urls.sandbox} sh packages/docs/samples/trigger-flow.sh

Trigger flow ${clientFlow ?? flow?.flowId} now with the TypeScript client:
  ENOS_BASE_URL=${urls.sandbox} ${clientExample}

(A flow takes one trigger a minute: a second one in the same minute gets 62102.)

Check that a server honours the contract (here with every flow the sandbox offers for it):
  ENOS_APP_KEY=${app?.appKey} ENOS_APP_SECRET=${app?.appSecret} \\
    npm run conformance -- --server ${urls.sandbox} \\
    ${conformanceFlowFlags()}
  ENOS_APP_KEY=... ENOS_APP_SECRET=... npm run conformance -- \\
    --server https://<your-apigw-address> --user-id <userId> --org-id <orgId> --flow-id <flowId>
`;
}
