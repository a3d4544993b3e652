/** What `npm start` prints once the stack is up: where things are and what to try first. */
import { defaultFixtures } from '@enos-trigger/sandbox';
import type { RunningStack } from './stack.js';

export function banner(stack: RunningStack): string {
  const { urls } = stack;
  const app = defaultFixtures.apps[0];
  const user = defaultFixtures.users[0];
  const flow = defaultFixtures.flows[0];
  return `
EnOS Trigger Flow toolkit, running locally (Ctrl-C stops it all)

  docs      ${urls.docs}      (the page itself: ${stack.docsFile})
  mock      ${urls.mock}      (Prism, answers as the contract documents)
  sandbox   ${urls.sandbox}      (stateful, behaves like the real service)

Sandbox credentials
  app key ${app?.appKey}   app secret ${app?.appSecret}
  user    ${user?.userId}      org        ${user?.orgId}      flow ${flow?.flowId}

Trigger a flow with curl, signing in shell (the docs' sample):
  ENOS_BASE_URL=${urls.sandbox} sh packages/docs/samples/trigger-flow.sh

Trigger a flow with the TypeScript client:
  ENOS_BASE_URL=${urls.sandbox} npx tsx packages/client/examples/trigger-flow.ts

Check that a server honours the contract:
  ENOS_APP_KEY=${app?.appKey} ENOS_APP_SECRET=${app?.appSecret} \\
    npm run conformance -- --server ${urls.sandbox}
  ENOS_APP_KEY=... ENOS_APP_SECRET=... npm run conformance -- \\
    --server https://<your-apigw-address> --user-id <userId> --org-id <orgId> --flow-id <flowId>
`;
}
