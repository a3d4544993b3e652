/**
 * Trigger workflow 3377 now and wait for the run to end, with @enos-trigger/client: it gets the
 * token and signs each call itself, and polls Get Flow Instance, a little longer between reads,
 * until the instance's status is final. The values are the sandbox's defaults; for EnOS, set
 * ENOS_BASE_URL to https://<your-apigw-address> and use your application's key and secret and
 * your user and organization IDs.
 * Exit code: 0 the run ended SUCCESS, 2 it ended otherwise, 1 nothing was started, 3 a run
 * started (or may have) but the wait failed: look at it before triggering again.
 */
import { createTriggerFlowClient } from '@enos-trigger/client';

const client = createTriggerFlowClient({
  baseUrl: process.env.ENOS_BASE_URL ?? 'http://127.0.0.1:4020',
  appKey: process.env.ENOS_APP_KEY ?? 'sandbox-app-key',
  appSecret: process.env.ENOS_APP_SECRET ?? 'sandbox-app-secret',
  userId: 'sandbox-user',
  orgId: 'sandbox-org',
});

const result = await client.triggerFlowAndWait(
  { flowId: 3377, triggerTime: Date.now() },
  // The whole wait is bounded (10 minutes here); onStatus hears the first status and each change.
  { timeoutMs: 600_000, onStatus: (status) => console.log(`status: ${status}`) },
);
if (result.ok) {
  // A final status is the run's outcome, FAIL included: the calls themselves all succeeded.
  console.log(`${result.triggered.flowInstanceId} ended ${result.status}.`);
  process.exitCode = result.status === 'SUCCESS' ? 0 : 2;
} else if (result.triggered) {
  // The run started: wait again (client.waitForFlowInstance) or read it once
  // (client.getFlowInstance), but do not trigger again.
  const { flowInstanceId } = result.triggered;
  console.error(`${flowInstanceId} started, but the wait failed: ${result.error.message}`);
  process.exitCode = 3;
} else {
  // Narrow on error.kind ('business', 'gateway', 'auth', ...), then on error.code or status.
  console.error(`${result.error.kind}: ${result.error.message}`);
  process.exitCode = result.error.mayHaveTriggered ? 3 : 1;
}
