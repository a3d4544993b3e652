/**
 * The server a run tests, with who it is and which flows it may trigger: the --server the user
 * named, or the bundled sandbox, started on a free port of 127.0.0.1 and stopped afterwards.
 * For the sandbox, the identity, the flows and the locked user are read from its own default
 * fixtures (each flag given still wins, and no default repeats a flow a flag names).
 *
 * The other user the run asks as for its instance (--foreign-user-id) is, for the sandbox, the
 * owner of its foreign flow. With --behaviour, the bundled sandbox runs on a manual clock, which
 * the lane moves instead of waiting (`advanceClock`: the sandbox runs in this process, so it is
 * moved directly, never through its control API); a --server has none: the lane waits in real
 * time.
 */
import { UsageError } from '@enos-trigger/cli-kit';
import { conformanceFixtures, defaultFixtures, startSandbox } from '@enos-trigger/sandbox';
import type { RunOptions } from '../config/options.js';
import { contractView, requestField } from '../contract/view.js';
import type { Identity } from '../http/api.js';
import type { RunFlows } from '../plan/requests.js';

export interface Target {
  /** The base URL; undefined in a dry run of the sandbox, which is not started then. */
  url: string | undefined;
  /** How to name it in the output. */
  label: string;
  identity: Identity;
  /**
   * The flows a run may name, the locked user it may trigger as (to draw 62105), and the other
   * user it may ask as (to draw 62103).
   */
  flows: RunFlows;
  /** Moves the target's clock: only the bundled sandbox's, and only with --behaviour. */
  advanceClock?: (ms: number) => Promise<void>;
  close(): Promise<void>;
}

export async function resolveTarget(options: RunOptions): Promise<Target> {
  if (options.server === undefined) return sandboxTarget(options);
  const view = contractView(options.contract);
  const example = (name: string) =>
    view.trigger.query.find((p) => p.name === name)?.example as string | undefined;
  const bodyExample = requestField(view.trigger, 'flowId').example as number;
  const credentials = options.credentials as NonNullable<RunOptions['credentials']>;
  // Only a server on this machine gets the contract's examples as defaults (options.ts
  // refuses a remote one without them).
  return {
    url: options.server.href,
    label: options.server.origin + options.server.pathname.replace(/\/$/, ''),
    identity: {
      ...credentials,
      userId: options.userId ?? (example('userId') as string),
      orgId: options.orgId ?? (example('orgId') as string),
    },
    flows: {
      ...options.flows,
      flowId: options.flows.flowId ?? bodyExample,
      ...optional('lockedUserId', options.lockedUserId),
      ...optional('foreignUserId', options.foreignUserId),
    },
    close: async () => {},
  };
}

async function sandboxTarget(options: RunOptions): Promise<Target> {
  const given = options.flows;
  // A default is never a flow a flag names: each flag stands for another kind of flow.
  const named = new Set(
    [given.flowId, given.noTaskFlowId, given.foreignFlowId, given.lockedFlowId].filter(
      (id) => id !== undefined,
    ),
  );
  const offered = conformanceFixtures(defaultFixtures, named);
  if (!offered) {
    throw new UsageError(
      "The bundled sandbox's fixtures have no triggerable flow: give --server to test a deployment.",
    );
  }
  const { app, user } = offered;
  const chosen: RunFlows = {
    flowId: given.flowId ?? offered.flowId,
    ...optional('noTaskFlowId', given.noTaskFlowId ?? offered.noTaskFlowId),
    ...optional('foreignFlowId', given.foreignFlowId ?? offered.foreignFlowId),
    ...optional('lockedFlowId', given.lockedFlowId ?? offered.lockedFlowId),
    ...optional('lockedUserId', options.lockedUserId ?? offered.lockedUserId),
    // Another user of the organization: the owner of the fixtures' foreign flow, never the run's.
    ...optional(
      'foreignUserId',
      options.foreignUserId ??
        (offered.foreignUserId === user.userId ? undefined : offered.foreignUserId),
    ),
  };
  const identity: Identity = {
    appKey: app.appKey,
    appSecret: app.appSecret,
    userId: user.userId,
    orgId: user.orgId,
  };
  if (options.dryRun) {
    return {
      url: undefined,
      label: 'the bundled sandbox',
      identity,
      flows: chosen,
      close: async () => {},
    };
  }
  const behaviour = options.behaviour !== undefined;
  const sandbox = await startSandbox({
    host: '127.0.0.1',
    port: 0,
    ...(behaviour ? { clock: 'manual' as const } : {}),
  });
  return {
    url: sandbox.url,
    label: `the bundled sandbox at ${sandbox.url}${behaviour ? ' (its clock manual, for the behaviour lane)' : ''}`,
    identity,
    flows: chosen,
    ...(behaviour
      ? {
          advanceClock: async (ms: number) => {
            sandbox.advanceClock(ms);
          },
        }
      : {}),
    close: () => sandbox.close(),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
