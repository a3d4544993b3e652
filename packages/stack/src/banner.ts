/** What `npm start` prints once the stack is up: where things are and what to try first. */
import {
  type ConformanceFixtures,
  conformanceFixtures,
  defaultFixtures,
  type Fixtures,
} from '@enos-trigger/sandbox';
import type { RunningStack } from './stack.js';

/** The conformance suite's flow and user flags (see `conformanceFixtures` of the sandbox). */
export type ConformanceFlows = Omit<ConformanceFixtures, 'app' | 'user'>;

/**
 * Every flow and user the sandbox offers the conformance suite, by the same rule the suite
 * uses for its bundled sandbox. A check whose flow or user is not given is skipped.
 */
export function conformanceFlows(fixtures: Fixtures = defaultFixtures): ConformanceFlows {
  const offered = conformanceFixtures(fixtures);
  if (!offered) throw new Error("The sandbox's fixtures have no flow its owner may trigger.");
  const { app: _app, user: _user, ...flows } = offered;
  return flows;
}

/** The conformance suite's flag of each of those flows and users, in the banner's order. */
const FLOW_FLAGS: readonly [keyof ConformanceFlows, string][] = [
  ['flowId', '--flow-id'],
  ['noTaskFlowId', '--no-task-flow-id'],
  ['foreignFlowId', '--foreign-flow-id'],
  ['lockedFlowId', '--locked-flow-id'],
  ['lockedUserId', '--locked-user-id'],
  ['foreignUserId', '--foreign-user-id'],
];

/** The flags that give the conformance suite those flows. */
export function conformanceFlowFlags(flows: ConformanceFlows = conformanceFlows()): string {
  return FLOW_FLAGS.flatMap(([field, flag]) =>
    flows[field] === undefined ? [] : [`${flag} ${flows[field]}`],
  ).join(' ');
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
