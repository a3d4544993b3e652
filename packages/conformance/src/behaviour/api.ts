/**
 * The lane's calls of the four operations, each signed and sent through the suite's one `send`
 * (within the run's limits), at the route `operationRoute()` gives: its method, its path
 * without a query, and its fixed query (`action=…`) with the operation's other parameters.
 * Every answer is also handed to `observe`, so the rules of every answer cover the lane's too.
 */
import { type AnswerExchange, observed } from '../checks/exchange.js';
import {
  type ApiAnswer,
  type Identity,
  operationQuery,
  type Query,
  send,
  signedHeaders,
  triggerBody,
} from '../http/api.js';
import type { Transport } from '../http/limits.js';
import { FIELDS, type LaneContract, type LaneRole } from './contract.js';

/** An answer, with its envelope read: the code (undefined when there is none) and `data`. */
export interface LaneAnswer {
  http: number;
  code: number | undefined;
  data: unknown;
  answer: ApiAnswer;
}

export interface LaneApi {
  trigger(flowId: number, triggerTime: number, userId?: string): Promise<LaneAnswer>;
  get(instanceId: string, userId?: string): Promise<LaneAnswer>;
  list(body: Record<string, unknown>): Promise<LaneAnswer>;
  cancel(instanceId: string, userId?: string): Promise<LaneAnswer>;
}

export interface LaneApiInput {
  contract: LaneContract;
  server: string;
  identity: Identity;
  accessToken: string;
  transport: Transport;
  observe(exchange: AnswerExchange): void;
}

export function laneApi(input: LaneApiInput): LaneApi {
  const { contract, identity } = input;
  const call = async (
    role: LaneRole,
    label: string,
    userId: string,
    body: string,
    extra: Query = [],
  ): Promise<LaneAnswer> => {
    const op = contract.ops[role];
    const route = contract.routes[role];
    const query = routeQuery(role, contract, { userId, orgId: identity.orgId }, extra);
    const headers = await signedHeaders(contract.view, op, {
      accessToken: input.accessToken,
      appSecret: identity.appSecret,
      query,
      body,
    });
    // The route's wire path and method: the operation's path key may carry its fixed query.
    const wire = { ...op, path: route.path, method: route.method };
    const answer = await send(input.server, { op: wire, query, body, headers }, input.transport);
    input.observe(observed(op.id, `behaviour lane: ${label}`, answer));
    return read(answer, op.codeField);
  };
  const user = (userId: string | undefined) => userId ?? identity.userId;
  return {
    trigger: (flowId, triggerTime, userId) =>
      call('trigger', `trigger flow ${flowId}`, user(userId), triggerBody(flowId, triggerTime)),
    get: (instanceId, userId) =>
      call('get', `get ${instanceId}`, user(userId), '', [[FIELDS.instanceParam, instanceId]]),
    list: (body) => call('list', 'list', identity.userId, JSON.stringify(body)),
    cancel: (instanceId, userId) =>
      call(
        'cancel',
        `cancel ${instanceId}`,
        user(userId),
        JSON.stringify({ [FIELDS.instanceParam]: instanceId }),
      ),
  };
}

/**
 * The query of a call: the route's fixed values, then each query parameter of the operation
 * (the caller's identity where one is named like it, `extra` where given, else the contract's
 * fixed value), each name once.
 */
export function routeQuery(
  role: LaneRole,
  contract: LaneContract,
  who: { userId: string; orgId: string },
  extra: Query = [],
): Query {
  const given = new Map(extra);
  const query: Query = Object.entries(contract.routes[role].fixedQuery);
  const named = new Set(query.map(([name]) => name));
  for (const [name, value] of operationQuery(contract.ops[role], who)) {
    if (named.has(name)) continue;
    named.add(name);
    query.push([name, given.get(name) ?? value]);
  }
  return query;
}

function read(answer: ApiAnswer, codeField: string): LaneAnswer {
  const body = answer.json as Record<string, unknown> | undefined;
  const code = typeof body === 'object' && body !== null ? body[codeField] : undefined;
  return {
    http: answer.status,
    code: Number.isInteger(code) ? (code as number) : undefined,
    data: typeof body === 'object' && body !== null ? body[FIELDS.data] : undefined,
    answer,
  };
}
