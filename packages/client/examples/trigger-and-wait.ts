/**
 * A small application: trigger a workflow with the standalone functions over a session, wait
 * for the instance to end, and say how it ended. It bundles only what it imports (createSession,
 * triggerFlowAndWait, retrying). Runs against the local sandbox with its default credentials.
 *
 *   npx enos-trigger-sandbox &                 # the sandbox, on http://127.0.0.1:4020
 *   npx tsx examples/trigger-and-wait.ts       # flow 3377, now; waits up to 2 minutes
 *
 * ENOS_BASE_URL, ENOS_APP_KEY, ENOS_APP_SECRET, ENOS_USER_ID, ENOS_ORG_ID as in
 * trigger-flow.ts. Exit code: 0 the instance ended SUCCESS, 2 it ended otherwise, 1 nothing was
 * started, 3 a run started (or may have) but the wait failed: look at it before triggering again.
 */
import { createSession, retrying, triggerFlowAndWait } from '@enos-trigger/client';

const env = process.env;
const session = createSession({
  baseUrl: env.ENOS_BASE_URL ?? 'http://127.0.0.1:4020',
  appKey: env.ENOS_APP_KEY ?? 'sandbox-app-key',
  appSecret: env.ENOS_APP_SECRET ?? 'sandbox-app-secret',
  userId: env.ENOS_USER_ID ?? 'sandbox-user',
  orgId: env.ENOS_ORG_ID ?? 'sandbox-org',
  retry: retrying(),
});

const result = await triggerFlowAndWait(
  session,
  { flowId: Number(process.argv[2] ?? 3377) },
  { timeoutMs: 120_000, onStatus: (status) => console.log(`status: ${status}`) },
);

if (result.ok) {
  console.log(`${result.triggered.flowInstanceId} ended ${result.status}.`);
  process.exitCode = result.status === 'SUCCESS' ? 0 : 2;
} else {
  console.error(`${result.error.kind}: ${result.error.message}`);
  const started = result.triggered !== undefined || result.error.mayHaveTriggered === true;
  process.exitCode = started ? 3 : 1;
}
