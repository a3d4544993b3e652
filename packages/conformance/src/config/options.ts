/**
 * The command line and environment, read into checked options. Every mistake is a UsageError
 * whose message names the flag and what to give instead; a secret is never part of a message.
 */
import { asksForHelp, UsageError } from '@enos-trigger/cli-kit';
import { arazzoChoice } from '../behaviour/arazzo-choice.js';
import { laneMaxMs } from '../behaviour/budget.js';
import { validator } from '../contract/validators.js';
import { contractView, requestField } from '../contract/view.js';
import {
  appCredentials,
  contractOption,
  integerOption,
  keepingSecretOut,
  parseFlags,
  secondsOption,
  serverUrl,
} from '../flags/flag-values.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '../http/limits.js';

export interface Credentials {
  appKey: string;
  appSecret: string;
}

export interface FlowOptions {
  flowId?: number;
  noTaskFlowId?: number;
  foreignFlowId?: number;
  /** A locked workflow of --user-id: checks the "workflow locked" answer (62106). */
  lockedFlowId?: number;
}

/** The behaviour lane (--behaviour) and its bounds. */
export interface BehaviourOptions {
  /** The longest one wait of the lane may take (--behaviour-timeout), in ms. */
  timeoutMs: number;
  /** The time between two reads while the lane waits (--poll-interval), in ms. */
  intervalMs: number;
}

export interface RunOptions {
  /** The server to test; undefined means the bundled sandbox. */
  server?: URL;
  /** Is the server on this machine (loopback)? */
  local: boolean;
  credentials?: Credentials;
  userId?: string;
  orgId?: string;
  /** A locked user of --org-id: checks the "user locked" answer (62105). */
  lockedUserId?: string;
  /**
   * Another unlocked user of --org-id, who does not own --flow-id (--foreign-user-id): asks for
   * the run's instance, which must be refused (62103), and the behaviour lane's rule 6.
   */
  foreignUserId?: string;
  flows: FlowOptions;
  strict: boolean;
  dryRun: boolean;
  stateless: boolean;
  negativeRuns: number;
  seed: number;
  oversizeBytes: number;
  /** The most of an answer the run reads (--max-response-bytes). */
  maxResponseBytes: number;
  /** A request's time limit (--request-timeout), in ms. */
  requestTimeoutMs: number;
  /** The whole run's time limit (--deadline), in ms. */
  deadlineMs: number;
  /** Requests in a row without an answer in time that stop the run (--max-timeouts). */
  maxTimeouts: number;
  reportDir?: string;
  /** Another contract than the bundled one (--contract): a JSON OpenAPI file. */
  contract?: string;
  /** Run the behaviour lane after the others (--behaviour); undefined: not asked for. */
  behaviour?: BehaviourOptions;
}

export type Cli = { help: true } | { help: false; options: RunOptions };

export const DEFAULT_NEGATIVE_RUNS = 20;
export const MAX_NEGATIVE_RUNS = 10_000;
/** One byte over 1 MiB: over the usual gateway and proxy defaults, small enough to send fast. */
export const DEFAULT_OVERSIZE_BYTES = 1024 * 1024 + 1;
const MAX_OVERSIZE_BYTES = 256 * 1024 * 1024;
/** The smallest answer cap: a gateway's error page must still fit. */
const MIN_RESPONSE_BYTES = 1024;
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;
const MAX_REQUEST_TIMEOUT_S = 600;
/** A day: a deadline is for CI jobs. */
const MAX_DEADLINE_S = 86_400;
const MAX_TIMEOUTS_LIMIT = 1000;

export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS };
/**
 * The whole run's time limit: 5 minutes. A default run sends about 120 requests, one at a time:
 * at a few hundred ms a request it takes under a minute, so 300 s leaves room for a gateway over
 * 2 s a request, while a CI job against one that hangs ends in minutes, not half an hour.
 */
export const DEFAULT_DEADLINE_MS = 300_000;
/** Requests in a row that get no answer in time before the run stops: 3 (45 s at 15 s each). */
export const DEFAULT_MAX_TIMEOUTS = 3;
/**
 * The longest one wait of the behaviour lane: 5 minutes. A real flow may queue, start and run
 * for longer than the sandbox's 30 s; a flow that takes longer needs a longer one.
 */
export const DEFAULT_BEHAVIOUR_TIMEOUT_MS = 300_000;
/** The time between two reads of a wait: 5 s, one Get per followed instance. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
const MIN_BEHAVIOUR_TIMEOUT_S = 0.5;
const MIN_POLL_INTERVAL_S = 0.05;
const MAX_POLL_INTERVAL_S = 600;
/** The flags only the behaviour lane reads. */
const BEHAVIOUR_FLAGS = ['behaviour-timeout', 'poll-interval'] as const;

const FLAGS = {
  server: { type: 'string' },
  'app-key': { type: 'string' },
  'app-secret': { type: 'string' },
  'user-id': { type: 'string' },
  'org-id': { type: 'string' },
  'flow-id': { type: 'string' },
  'no-task-flow-id': { type: 'string' },
  'foreign-flow-id': { type: 'string' },
  'locked-user-id': { type: 'string' },
  'locked-flow-id': { type: 'string' },
  stateless: { type: 'boolean' },
  strict: { type: 'boolean' },
  'negative-runs': { type: 'string' },
  seed: { type: 'string' },
  'oversize-bytes': { type: 'string' },
  'max-response-bytes': { type: 'string' },
  'request-timeout': { type: 'string' },
  deadline: { type: 'string' },
  'max-timeouts': { type: 'string' },
  'report-dir': { type: 'string' },
  contract: { type: 'string' },
  'dry-run': { type: 'boolean' },
  behaviour: { type: 'boolean' },
  'behaviour-timeout': { type: 'string' },
  'poll-interval': { type: 'string' },
  'foreign-user-id': { type: 'string' },
} as const;

/** The command line as the command reads it: --help wins over every other flag (cli-kit's rule). */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv, now = Date.now()): Cli {
  return asksForHelp(argv) ? { help: true } : { help: false, options: runOptions(argv, env, now) };
}

/** The flags and the environment read into checked options, or a UsageError. */
export function runOptions(argv: string[], env: NodeJS.ProcessEnv, now = Date.now()): RunOptions {
  return keepingSecretOut(argv, env, () => readOptions(argv, env, now));
}

function readOptions(argv: string[], env: NodeJS.ProcessEnv, now: number): RunOptions {
  const { values, text } = parseFlags(argv, FLAGS);

  const server = text('server') === undefined ? undefined : serverUrl(text('server') as string);
  const local = server === undefined || isLoopback(server.hostname);
  // The contract the run tests: the flow IDs are held to its request schema.
  const contract = contractOption(text('contract'));
  const flowId = (name: 'flow-id' | 'no-task-flow-id' | 'foreign-flow-id' | 'locked-flow-id') =>
    flowIdOption(name, text(name), contract);
  const flows: FlowOptions = {
    flowId: flowId('flow-id'),
    noTaskFlowId: flowId('no-task-flow-id'),
    foreignFlowId: flowId('foreign-flow-id'),
    lockedFlowId: flowId('locked-flow-id'),
  };
  const options: RunOptions = {
    server,
    local,
    credentials: credentials(server, text('app-key'), text('app-secret'), env),
    userId: text('user-id'),
    orgId: text('org-id'),
    lockedUserId: text('locked-user-id'),
    foreignUserId: text('foreign-user-id'),
    flows,
    strict: values.strict === true,
    dryRun: values['dry-run'] === true,
    stateless: values.stateless === true,
    negativeRuns:
      integerOption('negative-runs', text('negative-runs'), 0, MAX_NEGATIVE_RUNS) ??
      DEFAULT_NEGATIVE_RUNS,
    seed: integerOption('seed', text('seed'), 0, 2 ** 31 - 1) ?? now % 2 ** 31,
    oversizeBytes:
      integerOption('oversize-bytes', text('oversize-bytes'), 1, MAX_OVERSIZE_BYTES) ??
      DEFAULT_OVERSIZE_BYTES,
    maxResponseBytes:
      integerOption(
        'max-response-bytes',
        text('max-response-bytes'),
        MIN_RESPONSE_BYTES,
        MAX_RESPONSE_BYTES,
      ) ?? DEFAULT_MAX_RESPONSE_BYTES,
    requestTimeoutMs:
      1000 *
      (integerOption('request-timeout', text('request-timeout'), 1, MAX_REQUEST_TIMEOUT_S) ??
        DEFAULT_REQUEST_TIMEOUT_MS / 1000),
    deadlineMs:
      1000 *
      (integerOption('deadline', text('deadline'), 1, MAX_DEADLINE_S) ??
        DEFAULT_DEADLINE_MS / 1000),
    maxTimeouts:
      integerOption('max-timeouts', text('max-timeouts'), 1, MAX_TIMEOUTS_LIMIT) ??
      DEFAULT_MAX_TIMEOUTS,
    reportDir: text('report-dir'),
    contract,
  };
  const behaviour = behaviourOptions(values.behaviour === true, text);
  if (behaviour !== undefined) {
    options.behaviour = behaviour;
    // The lane's time comes on top of the rest of the run, unless --deadline says otherwise:
    // Respect's too, when it will run.
    if (text('deadline') === undefined) {
      const arazzo = arazzoChoice(options);
      options.deadlineMs += laneMaxMs(
        behaviour.timeoutMs,
        options.requestTimeoutMs,
        'plan' in arazzo ? arazzo.timeoutMs : undefined,
      );
    }
  }
  checkTarget(options);
  return options;
}

function behaviourOptions(
  asked: boolean,
  text: (name: keyof typeof FLAGS) => string | undefined,
): BehaviourOptions | undefined {
  if (!asked) {
    const stray = BEHAVIOUR_FLAGS.find((name) => text(name) !== undefined);
    if (stray !== undefined) {
      throw new UsageError(
        `--${stray} goes with --behaviour: add --behaviour to run the behaviour lane, or leave --${stray} out.`,
      );
    }
    return undefined;
  }
  const timeoutMs =
    secondsOption(
      'behaviour-timeout',
      text('behaviour-timeout'),
      MIN_BEHAVIOUR_TIMEOUT_S,
      MAX_DEADLINE_S,
    ) ?? DEFAULT_BEHAVIOUR_TIMEOUT_MS;
  const intervalMs =
    secondsOption(
      'poll-interval',
      text('poll-interval'),
      MIN_POLL_INTERVAL_S,
      MAX_POLL_INTERVAL_S,
    ) ?? DEFAULT_POLL_INTERVAL_MS;
  if (intervalMs > timeoutMs) {
    throw new UsageError(
      `--poll-interval (${intervalMs / 1000} s) is longer than --behaviour-timeout (${timeoutMs / 1000} s): a wait would read once. Give a shorter --poll-interval.`,
    );
  }
  return { timeoutMs, intervalMs };
}

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

function credentials(
  server: URL | undefined,
  keyFlag: string | undefined,
  secretFlag: string | undefined,
  env: NodeJS.ProcessEnv,
): Credentials | undefined {
  if (server === undefined) {
    if (keyFlag !== undefined || secretFlag !== undefined) {
      throw new UsageError(
        '--app-key and --app-secret go with --server; the bundled sandbox has its own. ' +
          'Add --server URL, or leave the credentials out.',
      );
    }
    return undefined;
  }
  return appCredentials(
    keyFlag,
    secretFlag,
    env,
    "Testing --server needs the application's credentials",
  );
}

/** A flow ID the request schema of the contract under test accepts. */
function flowIdOption(
  name: string,
  value: string | undefined,
  contract: string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const schema = requestField(contractView(contract).trigger, 'flowId');
  const id = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!validator(schema)(id)) {
    throw new UsageError(
      `--${name} "${value}" is not a flow ID the contract accepts: give the workflow's numeric ID.`,
    );
  }
  return id;
}

function checkTarget(options: RunOptions): void {
  const { server, local, flows } = options;
  if (server === undefined && options.stateless) {
    throw new UsageError(
      '--stateless describes a --server that is a stateless mock; the bundled sandbox keeps state. ' +
        'Add --server URL, or leave --stateless out.',
    );
  }
  if (server !== undefined && !local) {
    const missing = [
      flows.flowId === undefined ? '--flow-id (a flow the run may trigger)' : undefined,
      options.userId === undefined ? '--user-id' : undefined,
      options.orgId === undefined ? '--org-id' : undefined,
    ].filter(Boolean);
    if (missing.length > 0) {
      throw new UsageError(
        `${server.host} is not on this machine, so the run needs ${missing.join(', ')}: ` +
          'it triggers only flows it is given.',
      );
    }
  }
  const given = [flows.flowId, flows.noTaskFlowId, flows.foreignFlowId, flows.lockedFlowId].filter(
    (id) => id !== undefined,
  );
  if (new Set(given).size !== given.length) {
    throw new UsageError(
      '--flow-id, --no-task-flow-id, --foreign-flow-id and --locked-flow-id must be different flows: each stands for another kind of flow.',
    );
  }
  if (options.lockedUserId !== undefined && options.lockedUserId === options.userId) {
    throw new UsageError(
      '--locked-user-id must be another user than --user-id: the run triggers as --user-id, which must not be locked.',
    );
  }
  const foreign = options.foreignUserId;
  if (foreign !== undefined && (foreign === options.userId || foreign === options.lockedUserId)) {
    throw new UsageError(
      `--foreign-user-id must be another unlocked user of --org-id than ${foreign === options.userId ? '--user-id' : '--locked-user-id'}: the run asks as that user for an instance it does not own.`,
    );
  }
  checkBehaviour(options);
}

function checkBehaviour(options: RunOptions): void {
  const { behaviour } = options;
  if (behaviour === undefined) return;
  if (options.stateless) {
    throw new UsageError(
      '--behaviour follows instances over time, which a stateless mock does not keep: leave out --stateless or --behaviour.',
    );
  }
}
