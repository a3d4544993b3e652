/**
 * The transactions of a run, derived from the contract: one per documented answer of each
 * operation, plus one per business error of the 200 answer (an engine such as Dredd tests only
 * the first example of a response, so each error the run can provoke becomes a clone of the 200
 * transaction). Each entry says what the hooks send, what answer to expect, and the evidence of
 * each part of that expectation. Whatever the run has no means to provoke is skipped, with the
 * reason in the report.
 *
 * A business error is checked part by part, each part with the evidence the catalog gives it:
 * that the request is refused at all (its `when`), its code, its message, its HTTP status.
 * Gavel checks the rest of its body (the envelope's schema, `data: null`); the code and the
 * message are not pinned in Gavel's schema but compared by the run (checks/catalog-*.ts), so
 * that a message the contract does not know is information, not a failure.
 *
 * An operation without a role follows the contract's links (plan/linked-operations.ts): it comes
 * after the operation whose success answer feeds its request, and its errors are drawn by
 * changing its success request (plan/operation-errors.ts). Another user's request about the
 * instance (one who does not own it, or a locked user) goes before the owner's success, while the
 * instance has not been cancelled, so that only ownership or the lock can refuse it; the success
 * request sent again goes after it.
 *
 * Entries are named as Dredd names its transactions (`path key > summary > status > media
 * type`), derived from the contract, never written out: an engine maps its own transactions to
 * them.
 */
import type { CatalogEvidence, Evidence, JsonSchema, PartEvidence } from '@enos-trigger/spec';
import { answerBranches } from '../contract/branches.js';
import { toDraft07 } from '../contract/json-schema.js';
import {
  type CatalogExample,
  type ContractView,
  type OperationView,
  type Role,
  roleOf,
} from '../contract/view.js';
import { type LinkPlan, linkPlan, orderByLinks } from './linked-operations.js';
import { NO_LOCKED_USER } from './locks.js';
import { operationErrorPlan } from './operation-errors.js';
import { linkedRequest } from './requests.js';
import { RETRY_MINUTES } from './trigger-times.js';

export type Provocation =
  | 'trigger-success'
  | 'trigger-duplicate'
  | 'trigger-invalid-body'
  | 'trigger-unknown-user'
  | 'trigger-no-task'
  | 'trigger-foreign'
  | 'trigger-user-locked'
  | 'trigger-workflow-locked'
  | 'no-credentials'
  | 'oversize'
  | 'token-success'
  | 'token-replay'
  | 'token-unknown-app'
  | 'token-bad-encryption'
  | 'token-invalid-parameter'
  | 'token-empty-parameter'
  /**
   * Any operation without a role: the request the contract's examples make, with the values of
   * the link that leads to it (plan/requests.ts), and that request changed
   * (plan/operation-errors.ts).
   */
  | 'operation-success'
  | 'operation-unknown-user'
  | 'operation-invalid-request'
  | 'operation-unknown-link'
  | 'operation-repeat'
  | 'operation-foreign-user'
  | 'operation-locked-user';

/** The evidence of each part of an expected answer, as Gavel checks them. */
export interface FacetEvidence {
  statusCode: PartEvidence;
  headers: PartEvidence;
  body: PartEvidence;
}

/** The business error a transaction expects: what the run compares itself, part by part. */
export interface ExpectedError {
  /** The example's name in the contract. */
  name: string;
  summary: string;
  /** The envelope field of the code (`code`, or `status` for the token service). */
  codeField: string;
  code: number;
  message: string;
  /** The evidence of each part (code, message, HTTP status, when it is answered). */
  parts: CatalogEvidence;
}

export interface PlannedTransaction {
  /** Its name (see above); a clone adds ` > <example name>` to the name of the 200 answer. */
  name: string;
  /** The documented answer's transaction it is, or is a clone of. */
  base: string;
  /** The contract's operationId. */
  operation: string;
  /** The operation's summary (`Get Flow Instance`). */
  summary: string;
  title: string;
  /** The evidence of the row: that of the answer's defining part. */
  evidence: Evidence;
  facets: FacetEvidence;
  expectStatus: number;
  /** draft-07 schema of the expected body, for Gavel. */
  bodySchema: JsonSchema;
  /** For a business error: its code and message, which the run compares part by part. */
  error?: ExpectedError;
  provocation?: Provocation;
  /** Why it is not sent. */
  skip?: string;
  /** The flows its request names, each time it may be sent (an instance of one names it). */
  flows: number[];
  /** The operation whose success answer gives values of its request (a contract link). */
  linkedFrom?: string;
  /**
   * For the success of an operation on the run's instance: the catalog entry (by name) that says
   * the instance ended on its own before the request came (Cancel's "already finished", which the
   * run draws by sending the success again). A flow that runs for seconds ends before the run gets
   * to it: the server is right to answer so, and the row is skipped saying so, not failed.
   */
  lateRefusal?: string;
  /** Does a stateless mock give this answer? */
  stateless: boolean;
}

/** The flows (and the locked user) a run is given: what its requests may name. */
export interface RunFlows {
  flowId: number;
  noTaskFlowId?: number;
  foreignFlowId?: number;
  /** A locked workflow of the run's user (--locked-flow-id). */
  lockedFlowId?: number;
  /** A locked user of the run's organization (--locked-user-id). */
  lockedUserId?: string;
  /** Another user of the organization, who does not own the run's flow (--foreign-user-id). */
  foreignUserId?: string;
}

export interface PlanInput extends RunFlows {
  stateless: boolean;
  oversizeBytes: number;
}

const DOCUMENTED: Evidence = 'documented';

/** How the run provokes each error of the catalog it can, by the example's name. */
const TRIGGER_ERRORS: Record<string, { provocation: Provocation; how: (p: PlanInput) => string }> =
  {
    cannotCreateInstance: {
      provocation: 'trigger-duplicate',
      how: (p) => `a second trigger of flow ${p.flowId} for the same minute`,
    },
    invalidRequestBody: {
      provocation: 'trigger-invalid-body',
      how: () => 'a body without its required fields',
    },
    userNotInOrg: {
      provocation: 'trigger-unknown-user',
      how: () => 'a userId that does not exist',
    },
    noTask: {
      provocation: 'trigger-no-task',
      how: (p) => `flow ${p.noTaskFlowId} (--no-task-flow-id)`,
    },
    noPrivilege: {
      provocation: 'trigger-foreign',
      how: (p) => `flow ${p.foreignFlowId} (--foreign-flow-id)`,
    },
    userLocked: {
      provocation: 'trigger-user-locked',
      how: (p) => `user ${p.lockedUserId} (--locked-user-id) triggers flow ${p.flowId}`,
    },
    workflowLocked: {
      provocation: 'trigger-workflow-locked',
      how: (p) => `flow ${p.lockedFlowId} (--locked-flow-id)`,
    },
  };

const TOKEN_ERRORS: Record<string, { provocation: Provocation; how: () => string }> = {
  duplicatedEncryption: { provocation: 'token-replay', how: () => 'the same request sent twice' },
  appKeyNotFound: { provocation: 'token-unknown-app', how: () => 'an appKey that does not exist' },
  invalidEncryption: {
    provocation: 'token-bad-encryption',
    how: () => 'an encryption made with another secret',
  },
  invalidParameter: {
    provocation: 'token-invalid-parameter',
    how: () => 'a timestamp that is not a number',
  },
  emptyParameter: { provocation: 'token-empty-parameter', how: () => 'no encryption' },
};

/** Why the errors the run cannot provoke are skipped, by the example's name. */
const UNPROVOKED: Record<string, string> = {
  userLocked: NO_LOCKED_USER,
  workflowLocked: 'no --locked-flow-id given (a locked workflow of --user-id)',
  internalError: 'a healthy server does not fail on demand',
  tokenExpired: 'needs a token past its expiry, which takes the token lifetime to wait for',
  refreshFailed: 'concerns the token refresh call, which the contract does not describe',
  noTask: 'no --no-task-flow-id given',
  noPrivilege: 'no --foreign-flow-id given',
};

const GATEWAY_SKIPS: Record<number, string> = {
  400: "no request is documented to draw the gateway's 400 rather than the service's own answer to a bad body; the negative lane accepts either",
  429: 'provoking a rate limit means flooding the deployment',
  500: 'a healthy server does not fail on demand',
  503: 'a healthy server does not fail on demand',
};

const NO_MEANS = 'the run has no means to provoke this answer';

/**
 * The name of a documented answer's transaction (the one `dredd --names` lists): Dredd names it
 * by the path key, fixed query and all.
 */
export function transactionName(op: OperationView, status: number): string {
  return `${op.pathKey} > ${op.summary} > ${status} > ${op.mediaType}`;
}
const STATELESS_SKIP = 'a stateless mock cannot give this answer (--stateless)';

export function planTransactions(view: ContractView, input: PlanInput): PlannedTransaction[] {
  // The token first (every signed request needs it), the trigger, then every other operation,
  // each after the operation its link takes values from.
  const others = orderByLinks(
    view,
    view.operations.filter((op) => roleOf(op.id) === undefined),
  );
  const plan: PlannedTransaction[] = [];
  for (const op of [view.token, view.trigger, ...others]) {
    plan.push(...followLink(operationPlan(view, op, input), linkPlan(view, op), plan));
  }
  return plan.map((entry) =>
    input.stateless && !entry.stateless && entry.skip === undefined
      ? { ...entry, skip: STATELESS_SKIP }
      : entry,
  );
}

/**
 * The entries of an operation whose requests follow a link: they name what its source's success
 * named (Trigger Flow's flow, whose instance they name), and are skipped when the run cannot
 * follow the link or does not send the source's success. Only a request that replaces every
 * linked value names nothing.
 */
function followLink(
  entries: PlannedTransaction[],
  linked: LinkPlan | undefined,
  earlier: PlannedTransaction[],
): PlannedTransaction[] {
  if (!linked) return entries;
  const source = earlier.find(
    (entry) =>
      entry.operation === linked.source.id &&
      entry.provocation === successProvocation(roleOf(linked.source.id)),
  );
  const skip =
    linked.unusable ??
    (source === undefined || source.skip !== undefined
      ? `needs the success answer of ${linked.source.summary} (its link "${linked.link.name}"), which the run does not send`
      : undefined);
  const flows = [...new Set(source?.flows ?? [])];
  return entries.map((entry) => ({
    ...entry,
    linkedFrom: linked.source.id,
    flows: entry.provocation === 'operation-unknown-link' ? [] : flows,
    ...(skip === undefined || entry.skip !== undefined ? {} : { skip }),
  }));
}

const NO_BODY = 'the operation takes no request body, so no body can be too large';
const NO_IDENTITY = { userId: '', orgId: '' };

function operationPlan(
  view: ContractView,
  op: OperationView,
  input: PlanInput,
): PlannedTransaction[] {
  const role = roleOf(op.id);
  const operation = op.id;
  const base = transactionName(op, 200);
  const linked = linkPlan(view, op);
  const success: PlannedTransaction = {
    name: base,
    base,
    operation,
    summary: op.summary,
    title: `${op.summary} · success: ${
      role === 'trigger'
        ? `flow ${input.flowId} triggered for a past minute`
        : role === 'token'
          ? 'a token for the app key'
          : linked
            ? `${linked.gives} from the answer of ${linked.source.summary} (its link "${linked.link.name}")`
            : "the request of the contract's examples"
    }`,
    evidence: DOCUMENTED,
    facets: allDocumented(),
    expectStatus: 200,
    bodySchema: toDraft07(answerBranches(op).success),
    provocation: successProvocation(role),
    flows: role === 'trigger' ? Array(1 + RETRY_MINUTES).fill(input.flowId) : [],
    stateless: true,
  };
  // The body the success sends, linked values as their expressions: where the errors of an
  // operation without a role find what to change. A body names no user, so no identity is due.
  const successBody =
    role === undefined ? linkedRequest(op, { view, identity: NO_IDENTITY }).body : '';
  const errors = op.catalog.map((entry) =>
    businessError(op, role, base, entry, input, linked, successBody),
  );
  const gateway = op.gateway.map((answer): PlannedTransaction => {
    const provocation = gatewayProvocation(op, answer.status);
    const skip =
      answer.status === 413 && op.requestSchema === undefined
        ? NO_BODY
        : (GATEWAY_SKIPS[answer.status] ?? NO_MEANS);
    const how =
      provocation === 'no-credentials'
        ? 'no APIM headers'
        : provocation === 'oversize'
          ? `a ${input.oversizeBytes}-byte body`
          : undefined;
    return {
      name: transactionName(op, answer.status),
      base: transactionName(op, answer.status),
      operation,
      summary: op.summary,
      title: `${op.summary} · ${answer.status} ${answer.message}${how ? `: ${how}` : ''}`,
      evidence: DOCUMENTED,
      facets: { statusCode: DOCUMENTED, headers: DOCUMENTED, body: answer.shapeEvidence },
      expectStatus: answer.status,
      bodySchema: toDraft07({ allOf: [answer.schema, pin(answer.example)] }),
      ...(provocation ? { provocation } : { skip }),
      flows: role === 'trigger' && provocation ? [input.flowId] : [],
      stateless: provocation === 'no-credentials',
    };
  });
  const late = errors.find((entry) => entry.provocation === 'operation-repeat')?.error?.name;
  const asAnotherUser = errors.filter(
    (entry) => entry.provocation !== undefined && AS_ANOTHER_USER.has(entry.provocation),
  );
  return [
    ...asAnotherUser,
    late === undefined ? success : { ...success, lateRefusal: late },
    ...errors.filter((entry) => !asAnotherUser.includes(entry)),
    ...gateway,
  ];
}

/**
 * The requests as another user than the run's (--foreign-user-id, --locked-user-id): sent before
 * the owner's success, while the instance has not been cancelled (foreign-user.ts, locks.ts).
 */
const AS_ANOTHER_USER: ReadonlySet<Provocation> = new Set<Provocation>([
  'operation-foreign-user',
  'operation-locked-user',
]);

/** What the run sends for an operation's documented success, by the operation's role. */
export function successProvocation(role: Role | undefined): Provocation {
  return role === undefined ? 'operation-success' : `${role}-success`;
}

/** How the run provokes the catalog errors of an operation with a role; others have none. */
const PROVOKED: Record<
  Role,
  Record<string, { provocation: Provocation; how: (p: PlanInput) => string }>
> = {
  trigger: TRIGGER_ERRORS,
  token: TOKEN_ERRORS,
};

function businessError(
  op: OperationView,
  role: Role | undefined,
  base: string,
  entry: CatalogExample,
  input: PlanInput,
  linked: LinkPlan | undefined,
  successBody: string,
): PlannedTransaction {
  const operation = op.id;
  // An operation with a role knows its errors; any other changes its success request.
  const known = role === undefined ? undefined : PROVOKED[role][entry.name];
  const generic =
    role === undefined ? operationErrorPlan(op, entry, linked, successBody, input) : undefined;
  const provocation = generic
    ? 'provocation' in generic
      ? { provocation: generic.provocation, how: () => generic.how }
      : undefined
    : known && givenFlow(known.provocation, input) !== null
      ? known
      : undefined;
  const skip = generic && 'skip' in generic ? generic.skip : (UNPROVOKED[entry.name] ?? NO_MEANS);
  const flow = provocation ? givenFlow(provocation.provocation, input) : undefined;
  const { codeField } = op;
  // The code and the message are compared by the run, each with its own evidence.
  const { [codeField]: _code, msg: _msg, ...rest } = entry.value;
  return {
    name: `${base} > ${entry.name}`,
    base,
    operation,
    summary: op.summary,
    title: `${op.summary} · ${entry.summary}${provocation ? `: ${provocation.how(input)}` : ''}`,
    evidence: entry.evidence,
    facets: {
      statusCode: entry.parts.status,
      headers: DOCUMENTED,
      body: entry.evidence,
    },
    expectStatus: 200,
    bodySchema: toDraft07({ allOf: [answerBranches(op).error, pin(rest)] }),
    error: {
      name: entry.name,
      summary: entry.summary,
      codeField,
      code: entry.code,
      message: entry.message,
      parts: entry.parts,
    },
    ...(provocation ? { provocation: provocation.provocation } : { skip }),
    flows: flow === undefined || flow === null ? [] : [flow],
    stateless: false,
  };
}

/**
 * The flow a business error's request names: undefined when it names none, null when the run
 * was not given the flow it needs (so the error is skipped).
 */
function givenFlow(provocation: Provocation, input: PlanInput): number | null | undefined {
  switch (provocation) {
    case 'trigger-no-task':
      return input.noTaskFlowId ?? null;
    case 'trigger-foreign':
      return input.foreignFlowId ?? null;
    case 'trigger-workflow-locked':
      return input.lockedFlowId ?? null;
    case 'trigger-user-locked':
      return input.lockedUserId === undefined ? null : input.flowId;
    case 'trigger-duplicate':
    case 'trigger-unknown-user':
      return input.flowId;
    default:
      return undefined;
  }
}

function gatewayProvocation(op: OperationView, status: number): Provocation | undefined {
  if (status === 401 && op.signed) return 'no-credentials';
  if (status === 413 && op.requestSchema !== undefined) return 'oversize';
  return undefined;
}

/** A schema that holds each field of an example to the example's value. */
function pin(value: Record<string, unknown>): JsonSchema {
  return {
    properties: Object.fromEntries(Object.entries(value).map(([key, v]) => [key, { enum: [v] }])),
  };
}

function allDocumented(): FacetEvidence {
  return { statusCode: DOCUMENTED, headers: DOCUMENTED, body: DOCUMENTED };
}
