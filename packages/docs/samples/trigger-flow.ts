/**
 * Trigger workflow 3377 now with @enos-trigger/client, which gets the APIM access token and
 * signs the call itself. The values are the sandbox's defaults; for EnOS, set ENOS_BASE_URL to
 * https://<your-apigw-address> and use your application's key and secret and your user and
 * organization IDs.
 */
import { createTriggerFlowClient } from '@enos-trigger/client';

const client = createTriggerFlowClient({
  baseUrl: process.env.ENOS_BASE_URL ?? 'http://127.0.0.1:4020',
  appKey: process.env.ENOS_APP_KEY ?? 'sandbox-app-key',
  appSecret: process.env.ENOS_APP_SECRET ?? 'sandbox-app-secret',
  userId: 'sandbox-user',
  orgId: 'sandbox-org',
});

// The instance ID holds the minute of triggerTime: a second trigger of the workflow for the
// same minute is refused (62102).
const result = await client.triggerFlow({ flowId: 3377, triggerTime: Date.now() });
if (result.ok) {
  console.log(`Triggered instance ${result.flowInstanceId}`);
} else {
  // Narrow on error.kind ('business', 'gateway', 'auth', ...), then on error.code or status.
  console.error(`${result.error.kind}: ${result.error.message}`);
  process.exitCode = 1;
}
