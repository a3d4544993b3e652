/**
 * The command line and environment, read into checked options. Every mistake is a UsageError
 * whose message names the flag and what to give instead; a secret is never part of a message.
 */
import { parseArgs } from 'node:util';
import type { JsonSchema } from '@enos-trigger/spec';
import { validator } from '../contract/validators.js';
import { contractView } from '../contract/view.js';
import { UsageError } from './usage-error.js';

export interface Credentials {
  appKey: string;
  appSecret: string;
}

export interface FlowOptions {
  flowId?: number;
  noTaskFlowId?: number;
  foreignFlowId?: number;
}

export interface RunOptions {
  /** The server to test; undefined means the bundled sandbox. */
  server?: URL;
  /** Is the server on this machine (loopback)? */
  local: boolean;
  credentials?: Credentials;
  userId?: string;
  orgId?: string;
  flows: FlowOptions;
  strict: boolean;
  dryRun: boolean;
  stateless: boolean;
  negativeRuns: number;
  seed: number;
  oversizeBytes: number;
  reportDir?: string;
}

export type Cli = { help: true } | { help: false; options: RunOptions };

export const DEFAULT_NEGATIVE_RUNS = 20;
export const MAX_NEGATIVE_RUNS = 10_000;
/** One byte over 1 MiB: over the usual gateway and proxy defaults, small enough to send fast. */
export const DEFAULT_OVERSIZE_BYTES = 1024 * 1024 + 1;
const MAX_OVERSIZE_BYTES = 256 * 1024 * 1024;

const FLAGS = {
  server: { type: 'string' },
  'app-key': { type: 'string' },
  'app-secret': { type: 'string' },
  'user-id': { type: 'string' },
  'org-id': { type: 'string' },
  'flow-id': { type: 'string' },
  'no-task-flow-id': { type: 'string' },
  'foreign-flow-id': { type: 'string' },
  stateless: { type: 'boolean' },
  strict: { type: 'boolean' },
  'negative-runs': { type: 'string' },
  seed: { type: 'string' },
  'oversize-bytes': { type: 'string' },
  'report-dir': { type: 'string' },
  'dry-run': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseCli(argv: string[], env: NodeJS.ProcessEnv, now = Date.now()): Cli {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Run with --help to see every flag.`);
  }
  if (values.help) return { help: true };
  const text = (name: keyof typeof FLAGS) => {
    const value = values[name];
    if (value === '') throw new UsageError(`--${name} is empty: give it a value.`);
    return value as string | undefined;
  };

  const server = text('server') === undefined ? undefined : serverUrl(text('server') as string);
  const local = server === undefined || isLoopback(server.hostname);
  const flows: FlowOptions = {
    flowId: flowIdOption('flow-id', text('flow-id')),
    noTaskFlowId: flowIdOption('no-task-flow-id', text('no-task-flow-id')),
    foreignFlowId: flowIdOption('foreign-flow-id', text('foreign-flow-id')),
  };
  const options: RunOptions = {
    server,
    local,
    credentials: credentials(server, text('app-key'), text('app-secret'), env),
    userId: text('user-id'),
    orgId: text('org-id'),
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
    reportDir: text('report-dir'),
  };
  checkTarget(options);
  return { help: false, options };
}

function serverUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--server "${value}" is not a URL: give the gateway's base URL, e.g. https://apigw.example.com.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`--server must be an http:// or https:// URL, not ${url.protocol}.`);
  }
  if (url.username || url.password) {
    throw new UsageError('--server must not carry credentials: give --app-key and --app-secret.');
  }
  if (url.search || url.hash) {
    throw new UsageError('--server must be a base URL without a query or a fragment.');
  }
  return url;
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
  const appKey = keyFlag ?? nonEmpty(env.ENOS_APP_KEY);
  const appSecret = secretFlag ?? nonEmpty(env.ENOS_APP_SECRET);
  const missing = [
    appKey === undefined ? '--app-key (or ENOS_APP_KEY)' : undefined,
    appSecret === undefined ? '--app-secret (or ENOS_APP_SECRET)' : undefined,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(
      `Testing --server needs the application's credentials: give ${missing.join(' and ')}.`,
    );
  }
  return { appKey: appKey as string, appSecret: appSecret as string };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** A flow ID the contract's request schema accepts. */
function flowIdOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const schema = (contractView().trigger.requestSchema.properties as Record<string, JsonSchema>)
    .flowId as JsonSchema;
  const id = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!validator(schema)(id)) {
    throw new UsageError(
      `--${name} "${value}" is not a flow ID the contract accepts: give the workflow's numeric ID.`,
    );
  }
  return id;
}

function integerOption(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} "${value}" must be a whole number from ${min} to ${max}.`);
  }
  return n;
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
  const given = [flows.flowId, flows.noTaskFlowId, flows.foreignFlowId].filter(
    (id) => id !== undefined,
  );
  if (new Set(given).size !== given.length) {
    throw new UsageError(
      '--flow-id, --no-task-flow-id and --foreign-flow-id must be three different flows.',
    );
  }
}
