/** Clients of the test servers, with their default credentials. */
import type { Sandbox } from '@enos-trigger/sandbox';
import {
  createTriggerFlowClient,
  type TriggerFlowClientOptions,
  type TriggerFlowFailure,
  type TriggerFlowResult,
} from '../../src/index.js';
import { SCRIPT_APP, type ScriptServer } from './script-server.js';

/** The sandbox's default application, user and organization. */
export const SANDBOX_DEFAULTS = {
  appKey: 'sandbox-app-key',
  appSecret: 'sandbox-app-secret',
  userId: 'sandbox-user',
  orgId: 'sandbox-org',
} as const;

type Extra = Partial<TriggerFlowClientOptions>;

export function sandboxClient(sandbox: Sandbox, options: Extra = {}) {
  return createTriggerFlowClient({ baseUrl: sandbox.url, ...SANDBOX_DEFAULTS, ...options });
}

export function scriptClient(server: Pick<ScriptServer, 'url'>, options: Extra = {}) {
  return createTriggerFlowClient({
    baseUrl: server.url,
    ...SCRIPT_APP,
    userId: 'script-user',
    orgId: 'script-org',
    ...options,
  });
}

/** A fetch that counts the requests it sends, by path. */
export function countingFetch() {
  const counts = new Map<string, number>();
  const fetcher = (request: Request) => {
    const path = new URL(request.url).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    return fetch(request);
  };
  return {
    fetch: fetcher,
    count: (suffix: string) =>
      [...counts].filter(([p]) => p.endsWith(suffix)).reduce((n, [, c]) => n + c, 0),
  };
}

/** The seed's request sample. */
export const SEED = { flowId: 3377, triggerTime: 1574385824000 };

/** The failure of a result that must have failed. */
export function failureOf(result: TriggerFlowResult): TriggerFlowFailure {
  if (result.ok) throw new Error(`expected a failure, got ${result.flowInstanceId}`);
  return result.error;
}
