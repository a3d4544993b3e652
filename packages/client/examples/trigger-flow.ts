/**
 * Trigger a workflow and say what happened. Runs against the local sandbox with its default
 * credentials; point it at your EnOS with the environment variables below.
 *
 *   npx enos-trigger-sandbox &            # the sandbox, on http://127.0.0.1:4020
 *   npx tsx examples/trigger-flow.ts      # flow 3377, now
 *   npx tsx examples/trigger-flow.ts 4040 # a flow without a task: a business error
 *
 * ENOS_BASE_URL (default http://127.0.0.1:4020), ENOS_APP_KEY, ENOS_APP_SECRET, ENOS_USER_ID,
 * ENOS_ORG_ID (default: the sandbox's). Exit code: 0 triggered, 1 failed and nothing started,
 * 3 failed but a run may have started.
 */
import { createTriggerFlowClient } from '@enos-trigger/client';

const env = process.env;
const client = createTriggerFlowClient({
  baseUrl: env.ENOS_BASE_URL ?? 'http://127.0.0.1:4020',
  appKey: env.ENOS_APP_KEY ?? 'sandbox-app-key',
  appSecret: env.ENOS_APP_SECRET ?? 'sandbox-app-secret',
  userId: env.ENOS_USER_ID ?? 'sandbox-user',
  orgId: env.ENOS_ORG_ID ?? 'sandbox-org',
  timeoutMs: 10_000,
});

const result = await client.triggerFlow({ flowId: Number(process.argv[2] ?? 3377) });

if (result.ok) {
  const minute = result.instant?.toISOString() ?? 'an unknown minute';
  console.log(`Triggered ${result.flowInstanceId}: flow ${result.flowId}, ${minute}.`);
} else {
  const { error } = result;
  // Narrow on `kind`, then on the business `code` or the gateway `status`.
  if (error.kind === 'business' && error.code === 62104) {
    console.error('That workflow has no task yet: add one in the EnOS console first.');
  } else if (error.kind === 'gateway' && error.status === 429) {
    console.error(`Rate limited: try again in ${error.retryAfterMs ?? 1000} ms.`);
  }
  console.error(`${error.kind}: ${error.message}`);
  process.exitCode = error.mayHaveTriggered ? 3 : 1;
}
