/**
 * What the run sends for each provocation (the engine's hooks, and --dry-run's list): the query, the raw body, and whether it is signed.
 * Every trigger that names the run's flow uses a trigger time in the run's own minute, so on a
 * server that keeps the contract only the success trigger can start an instance; the other
 * flows are triggered only to draw their documented refusals.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../auth/signer.js';
import type { CallValues } from '../contract/advice.js';
import { evaluateIn, type LinkSource, linkValues } from '../contract/links.js';
import { type ContractView, type OperationView, roleOf } from '../contract/view.js';
import {
  type Identity,
  operationQuery,
  type Query,
  tokenRequestBody,
  triggerBody,
  USER_PARAMETER,
} from '../http/api.js';
import { askedAs, namesCaller } from './caller.js';
import { foreignUserChange } from './foreign-user.js';
import { invalidRequestChange } from './invalid-request.js';
import { type Provocation, type RunFlows, successProvocation } from './transactions.js';
import { duplicateTriggerTime, firstTriggerTime } from './trigger-times.js';

export type { RunFlows };

export interface RequestSpec {
  query: Query;
  body: string;
  /** Sign with the token, or send without any APIM header. */
  signed: boolean;
}

export interface RequestContext {
  view: ContractView;
  identity: Identity;
  flows: RunFlows;
  /** The minute of the run's instance (the first candidate until the success trigger ran). */
  minute: number;
  oversizeBytes: number;
  /** The body of the token request the replay check sends again. */
  tokenBody?: string;
  /**
   * The success request and answer of each operation the run sent one of, by operationId: what
   * the contract's links take values from. Undefined while planning (a dry run), where each
   * linked value is shown as its expression.
   */
  answers?: ReadonlyMap<string, LinkSource>;
}

/**
 * A request that needs a value an earlier answer did not give (the success it links from was
 * refused, or is not sent): its transaction is skipped, with this message as the reason.
 */
export class MissingLinkValue extends Error {
  override readonly name = 'MissingLinkValue';
}

/** A value nobody has: an unknown user, an unknown app key, a wrong secret. */
export function unknownValue(what: string): string {
  return `conformance-no-such-${what}-${randomBytes(6).toString('hex')}`;
}

/**
 * The request of an operation without a role, from the contract alone: its query (the run's
 * identity where a parameter is named like one, else the parameter's example, enum or default),
 * and the request body's example. What the run sends to get its documented success.
 */
export function exampleRequest(
  op: OperationView,
  identity: Pick<Identity, 'userId' | 'orgId'>,
): RequestSpec {
  const query = operationQuery(op, identity);
  const body =
    op.requestExample === undefined
      ? op.requestSchema === undefined
        ? ''
        : '{}'
      : JSON.stringify(op.requestExample);
  return { query, body, signed: op.signed };
}

/**
 * The request of a provocation. `operation` is the operationId of the plan's entry: it decides
 * what the generic provocations (no credentials, oversize, an operation's success) are sent to.
 */
export async function requestSpec(
  p: Provocation,
  ctx: RequestContext,
  operation: string = ctx.view.trigger.id,
): Promise<RequestSpec> {
  const { view, identity, flows, minute } = ctx;
  if (roleOf(operation) === undefined) return operationRequest(p, view.op(operation), ctx);
  const triggerQuery = operationQuery(view.trigger, identity);
  const inMinute = (flowId: number) => triggerBody(flowId, firstTriggerTime(minute));
  const signedTrigger = (body: string, query = triggerQuery): RequestSpec => ({
    query,
    body,
    signed: true,
  });
  const token = (body: string): RequestSpec => ({ query: [], body, signed: false });
  switch (p) {
    case 'trigger-success':
      return signedTrigger(inMinute(flows.flowId));
    case 'trigger-duplicate':
      return signedTrigger(triggerBody(flows.flowId, duplicateTriggerTime(minute)));
    case 'trigger-invalid-body':
      return signedTrigger('{}');
    case 'trigger-unknown-user':
      return signedTrigger(
        inMinute(flows.flowId),
        operationQuery(view.trigger, { ...identity, userId: unknownValue('user') }),
      );
    case 'trigger-no-task':
      return signedTrigger(inMinute(required(flows.noTaskFlowId, '--no-task-flow-id')));
    case 'trigger-foreign':
      return signedTrigger(inMinute(required(flows.foreignFlowId, '--foreign-flow-id')));
    case 'trigger-workflow-locked':
      return signedTrigger(inMinute(required(flows.lockedFlowId, '--locked-flow-id')));
    case 'trigger-user-locked':
      // The run's own flow and minute: a server that ignored the lock could at most ask for the
      // instance the run already started.
      return signedTrigger(
        inMinute(flows.flowId),
        operationQuery(view.trigger, {
          ...identity,
          userId: required(flows.lockedUserId, '--locked-user-id'),
        }),
      );
    case 'no-credentials':
      return { query: triggerQuery, body: inMinute(flows.flowId), signed: false };
    case 'oversize':
      throw new Error('oversize depends on the operation: use oversizeSpec');
    case 'operation-success':
    case 'operation-unknown-user':
    case 'operation-invalid-request':
    case 'operation-unknown-link':
    case 'operation-repeat':
    case 'operation-foreign-user':
    case 'operation-locked-user':
      throw new Error(`${operation} has a role: ${p} is a request of an operation without one`);
    case 'token-success':
      return token(await tokenRequestBody(identity));
    case 'token-replay':
      return token(ctx.tokenBody ?? (await tokenRequestBody(identity)));
    case 'token-unknown-app':
      return token(
        await tokenRequestBody({ appKey: unknownValue('app'), appSecret: unknownValue('secret') }),
      );
    case 'token-bad-encryption':
      return token(await tokenRequestBody({ ...identity, appSecret: unknownValue('secret') }));
    case 'token-invalid-parameter': {
      // Only the timestamp's type is wrong: the encryption is right for the text sent.
      const timestamp = 'not-a-timestamp';
      const encryption = await sha256Hex(`${identity.appKey}${timestamp}${identity.appSecret}`);
      return token(JSON.stringify({ appKey: identity.appKey, encryption, timestamp }));
    }
    case 'token-empty-parameter':
      return token(JSON.stringify({ appKey: identity.appKey, timestamp: Date.now() }));
  }
}

/**
 * The request of a provocation of an operation without a role: its success request (the
 * contract's examples, with the values of the link that leads to it), changed as the
 * provocation says.
 */
function operationRequest(p: Provocation, op: OperationView, ctx: RequestContext): RequestSpec {
  switch (p) {
    case 'operation-success':
    case 'operation-repeat':
      return linkedRequest(op, ctx);
    case 'no-credentials':
      return { ...linkedRequest(op, ctx), signed: false };
    case 'operation-unknown-user': {
      const spec = linkedRequest(op, ctx);
      return { ...spec, query: askedAs(spec.query, unknownValue('user')) };
    }
    case 'operation-invalid-request': {
      const spec = linkedRequest(op, ctx);
      const change = invalidRequestChange(op, spec.body);
      if (!change) throw new Error(`The contract gives ${op.id} no request to break.`);
      return { ...spec, ...change.apply(spec) };
    }
    case 'operation-unknown-link': {
      // One value nobody has, for every value the link gives.
      const nothing = unknownValue('linked-value');
      return linkedRequest(op, ctx, () => nothing);
    }
    case 'operation-foreign-user': {
      const spec = linkedRequest(op, ctx);
      const change = foreignUserChange(op);
      if (!change) throw new Error(`The contract gives ${op.id} no call as another user.`);
      return {
        ...spec,
        ...change.apply(spec, required(ctx.flows.foreignUserId, '--foreign-user-id')),
      };
    }
    case 'operation-locked-user': {
      // The locked user asks about what the success asks about: the run's own instance.
      const spec = linkedRequest(op, ctx);
      if (!namesCaller(op)) throw new Error(`The contract gives ${op.id} no caller to replace.`);
      return {
        ...spec,
        query: askedAs(spec.query, required(ctx.flows.lockedUserId, '--locked-user-id')),
      };
    }
    default:
      throw new Error(`${p} is not a request of ${op.id}, which has no role`);
  }
}

/**
 * The success request of an operation without a role: the contract's examples, with the values
 * of the first link that leads to it, evaluated in its source's success request and answer (or
 * by `valueFor`). While planning, a linked value is shown as its expression, in braces.
 */
export function linkedRequest(
  op: OperationView,
  ctx: Pick<RequestContext, 'view' | 'answers'> & { identity: Pick<Identity, 'userId' | 'orgId'> },
  valueFor?: (expression: string) => unknown,
): RequestSpec {
  const spec = exampleRequest(op, ctx.identity);
  const [link] = op.links;
  if (!link) return spec;
  const source = ctx.answers?.get(link.source);
  const from = ctx.view.op(link.source).summary;
  if (valueFor === undefined && ctx.answers !== undefined && source === undefined) {
    throw new MissingLinkValue(
      `no success answer of ${from} to take its link "${link.name}" from (see its row)`,
    );
  }
  const values = linkValues(
    link,
    valueFor ??
      ((expression) => (source === undefined ? `{${expression}}` : evaluateIn(source, expression))),
  );
  if (!values.ok) {
    throw new MissingLinkValue(
      `the success answer of ${from} ${values.reason}, which its link "${link.name}" needs (see its row)`,
    );
  }
  const given = new Map(values.query);
  const query: Query = spec.query.map(([name, value]) => [name, given.get(name) ?? value]);
  for (const [name, value] of values.query) {
    if (!spec.query.some(([key]) => key === name)) query.push([name, value]);
  }
  return { ...spec, query, ...(values.body === undefined ? {} : { body: values.body }) };
}

/** A valid request padded with JSON whitespace to `oversizeBytes`: only its size is wrong. */
export async function oversizeSpec(operation: string, ctx: RequestContext): Promise<RequestSpec> {
  const spec = await requestSpec(successProvocation(roleOf(operation)), { ...ctx }, operation);
  const pad = Math.max(0, ctx.oversizeBytes - Buffer.byteLength(spec.body));
  return { ...spec, body: spec.body + ' '.repeat(pad) };
}

function required<T>(value: T | undefined, flag: string): T {
  if (value === undefined) throw new Error(`This check needs ${flag}.`);
  return value;
}

/** The flow, user and trigger time a request names, for the advice of its answer. */
export function callValues(spec: RequestSpec): CallValues {
  const userId = spec.query.find(([name]) => name === USER_PARAMETER)?.[1];
  let body: { flowId?: unknown; triggerTime?: unknown } | undefined;
  try {
    body = JSON.parse(spec.body) as typeof body;
  } catch {
    body = undefined;
  }
  return {
    ...(typeof body?.flowId === 'number' ? { flowId: body.flowId } : {}),
    ...(typeof body?.triggerTime === 'number' ? { triggerTime: body.triggerTime } : {}),
    ...(userId === undefined ? {} : { userId }),
  };
}
