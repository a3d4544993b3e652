/**
 * The world the sandbox serves: applications, users and workflows. A fixtures document is
 * checked whole before the sandbox uses it; the first bad entry is named in the error.
 */
import { successExample } from '@enos-trigger/spec';
import {
  contractRules,
  parameter,
  property,
  requestSchema,
  type Validator,
} from './contract-rules.js';

export interface AppFixture {
  appKey: string;
  appSecret: string;
  /** Lifetime of the tokens issued to this app. Default: the contract's example (7200 s). */
  tokenLifetimeSeconds?: number;
}

export interface UserFixture {
  userId: string;
  orgId: string;
  /** A locked user is refused with the contract's "user locked" answer. Default false. */
  locked?: boolean;
}

export type RunResult = 'SUCCESS' | 'FAIL';

export interface FlowFixture {
  flowId: number;
  /** The workflow's name, which List Flow Instances' expression matches. Default `flow_<flowId>`. */
  name?: string;
  /** The userId of the owner: only the owner may trigger the flow. */
  owner: string;
  /** A flow without tasks is refused with the contract's "no task" answer. */
  hasTasks: boolean;
  /** A locked workflow is refused with the contract's "workflow locked" answer. Default false. */
  locked?: boolean;
  /** How long one instance runs, in ms of the sandbox clock. Default 30000. */
  runMs?: number;
  /** How each instance ends once it has run. Default SUCCESS. */
  result?: RunResult;
}

export interface Fixtures {
  apps: AppFixture[];
  users: UserFixture[];
  flows: FlowFixture[];
}

export const DEFAULT_RUN_MS = 30_000;

/** The fixtures a sandbox starts with unless told otherwise. Frozen: copy them to change them. */
export const defaultFixtures: Fixtures = deepFreeze({
  apps: [{ appKey: 'sandbox-app-key', appSecret: 'sandbox-app-secret' }],
  users: [
    { userId: 'sandbox-user', orgId: 'sandbox-org' },
    { userId: 'other-user', orgId: 'sandbox-org' },
    { userId: 'locked-user', orgId: 'sandbox-org', locked: true },
  ],
  flows: [
    { flowId: 3377, name: 'daily_load', owner: 'sandbox-user', hasTasks: true },
    { flowId: 2791, owner: 'sandbox-user', hasTasks: true },
    { flowId: 4040, owner: 'sandbox-user', hasTasks: false },
    { flowId: 4030, owner: 'other-user', hasTasks: true },
    { flowId: 4230, owner: 'sandbox-user', hasTasks: true, locked: true },
    { flowId: 4231, owner: 'locked-user', hasTasks: true },
  ],
});

/** Fixtures after checking, with every default filled in. */
export interface ResolvedFixtures {
  apps: Required<AppFixture>[];
  users: Required<UserFixture>[];
  flows: Required<FlowFixture>[];
}

/** A fixtures document the sandbox refuses. `entry` names the bad part, e.g. `flows[2].owner`. */
export class FixturesError extends Error {
  override readonly name = 'FixturesError';
  constructor(
    readonly entry: string,
    readonly problem: string,
    readonly source?: string,
  ) {
    const where = source === undefined ? '' : ` in ${source}`;
    super(`Bad fixtures${where}: ${entry} ${problem}. Fix this entry and start again.`);
  }
}

const FIELDS = {
  root: ['apps', 'users', 'flows'],
  apps: ['appKey', 'appSecret', 'tokenLifetimeSeconds'],
  users: ['userId', 'orgId', 'locked'],
  flows: ['flowId', 'name', 'owner', 'hasTasks', 'locked', 'runMs', 'result'],
} as const;

interface FixtureRules {
  /** Fixtures must hold values the contract can carry: an appKey of the token request, */
  validateAppKey: Validator;
  /** the userId and orgId query parameters of Trigger Flow, */
  validateUserId: Validator;
  validateOrgId: Validator;
  /** and a flowId of its body. */
  validateFlowId: Validator;
  /** The lifetime of a token in the contract's success example, in seconds. */
  defaultLifetimeSeconds: number;
}

let fixtureRulesCache: FixtureRules | undefined;

/** What fixtures take from the contract, compiled on first use. */
function fixtureRules(): FixtureRules {
  if (fixtureRulesCache) return fixtureRulesCache;
  const { compile } = contractRules();
  const token = successExample('getAccessToken').value as { data: { expire: number } };
  fixtureRulesCache = {
    validateAppKey: compile(property(requestSchema('getAccessToken'), 'appKey')),
    validateUserId: compile(parameter('triggerFlow', 'userId')),
    validateOrgId: compile(parameter('triggerFlow', 'orgId')),
    validateFlowId: compile(property(requestSchema('triggerFlow'), 'flowId')),
    defaultLifetimeSeconds: token.data.expire,
  };
  return fixtureRulesCache;
}

/** Check a fixtures document (for instance parsed from a file) and fill in its defaults. */
export function resolveFixtures(input: unknown): ResolvedFixtures {
  const rules = fixtureRules();
  const root = record(input, 'the document', FIELDS.root);
  const apps = list(root, 'apps').map((raw, i) => {
    const at = `apps[${i}]`;
    const app = record(raw, at, FIELDS.apps);
    return {
      appKey: contractString(app, at, 'appKey', rules.validateAppKey),
      appSecret: text(app, at, 'appSecret'),
      tokenLifetimeSeconds:
        optional(app, at, 'tokenLifetimeSeconds', positiveInteger) ?? rules.defaultLifetimeSeconds,
    };
  });
  const users = list(root, 'users').map((raw, i) => {
    const at = `users[${i}]`;
    const user = record(raw, at, FIELDS.users);
    return {
      userId: contractString(user, at, 'userId', rules.validateUserId),
      orgId: contractString(user, at, 'orgId', rules.validateOrgId),
      locked: optional(user, at, 'locked', boolean) ?? false,
    };
  });
  const flows = list(root, 'flows').map((raw, i) => {
    const at = `flows[${i}]`;
    const flow = record(raw, at, FIELDS.flows);
    const flowId = flow.flowId;
    if (!rules.validateFlowId(flowId)) {
      throw new FixturesError(`${at}.flowId`, 'is not a flow ID the contract accepts');
    }
    return {
      flowId: flowId as number,
      name: optional(flow, at, 'name', nonEmpty) ?? `flow_${flowId}`,
      owner: text(flow, at, 'owner'),
      hasTasks: required(flow, at, 'hasTasks', boolean),
      locked: optional(flow, at, 'locked', boolean) ?? false,
      runMs: optional(flow, at, 'runMs', positiveInteger) ?? DEFAULT_RUN_MS,
      result: optional(flow, at, 'result', runResult) ?? 'SUCCESS',
    };
  });
  unique(apps, 'apps', 'appKey');
  unique(users, 'users', 'userId');
  unique(flows, 'flows', 'flowId');
  const userIds = new Set(users.map((u) => u.userId));
  flows.forEach((flow, i) => {
    if (!userIds.has(flow.owner)) {
      throw new FixturesError(
        `flows[${i}].owner`,
        `is ${JSON.stringify(flow.owner)}, which is no userId of users`,
      );
    }
  });
  return { apps, users, flows };
}

type Check<T> = (value: unknown) => T | undefined;

const boolean: Check<boolean> = (v) => (typeof v === 'boolean' ? v : undefined);
const positiveInteger: Check<number> = (v) =>
  Number.isSafeInteger(v) && (v as number) > 0 ? (v as number) : undefined;
const runResult: Check<RunResult> = (v) => (v === 'SUCCESS' || v === 'FAIL' ? v : undefined);
const nonEmpty: Check<string> = (v) => (typeof v === 'string' && v !== '' ? v : undefined);

const EXPECTED = new Map<Check<unknown>, string>([
  [boolean, 'true or false'],
  [positiveInteger, 'a whole number above 0'],
  [runResult, '"SUCCESS" or "FAIL"'],
  [nonEmpty, 'a non-empty string'],
]);

function record(value: unknown, at: string, fields: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FixturesError(at, 'must be a JSON object');
  }
  const unknown = Object.keys(value).find((key) => !fields.includes(key));
  if (unknown !== undefined) {
    throw new FixturesError(
      at,
      `has an unknown field ${JSON.stringify(unknown)} (known: ${fields.join(', ')})`,
    );
  }
  return value as Record<string, unknown>;
}

function list(root: Record<string, unknown>, name: string): unknown[] {
  const value = root[name];
  if (!Array.isArray(value)) throw new FixturesError(name, 'must be an array');
  return value;
}

function required<T>(
  entry: Record<string, unknown>,
  at: string,
  field: string,
  check: Check<T>,
): T {
  const value = optional(entry, at, field, check);
  if (value === undefined) {
    throw new FixturesError(`${at}.${field}`, `is missing: give ${EXPECTED.get(check)}`);
  }
  return value;
}

function optional<T>(
  entry: Record<string, unknown>,
  at: string,
  field: string,
  check: Check<T>,
): T | undefined {
  if (!Object.hasOwn(entry, field)) return undefined;
  const value = check(entry[field]);
  if (value === undefined) {
    throw new FixturesError(`${at}.${field}`, `must be ${EXPECTED.get(check)}`);
  }
  return value;
}

function text(entry: Record<string, unknown>, at: string, field: string): string {
  return required(entry, at, field, nonEmpty);
}

/** A string field whose value must also be one the contract accepts where it is sent. */
function contractString(
  entry: Record<string, unknown>,
  at: string,
  field: string,
  validate: Validator,
): string {
  const value = text(entry, at, field);
  if (!validate(value)) {
    throw new FixturesError(`${at}.${field}`, 'is not a value the contract accepts');
  }
  return value;
}

function unique<T>(entries: T[], name: string, key: keyof T): void {
  const seen = new Set<unknown>();
  entries.forEach((entry, i) => {
    if (seen.has(entry[key])) {
      throw new FixturesError(
        `${name}[${i}].${String(key)}`,
        `repeats ${JSON.stringify(entry[key])}, which an earlier entry already has`,
      );
    }
    seen.add(entry[key]);
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
