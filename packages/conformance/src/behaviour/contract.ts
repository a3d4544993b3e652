/**
 * What the behaviour lane reads from the contract under test, in one place: the operations it
 * calls (by their role in its scenarios), where each is served (`operationRoute()`), the fields
 * it fills in and reads back, and the catalog answers its rules expect. Field and example names
 * are the contract's words for what the rules speak of; `laneContract` checks that the contract
 * still has every one, and says which is missing rather than letting the lane test something
 * else.
 */
import {
  type JsonSchema,
  type OperationId,
  type OperationRoute,
  operationRoute,
} from '@enos-trigger/spec';
import {
  type CatalogExample,
  ContractShapeError,
  type ContractView,
  type OperationView,
  ROLE_OPERATIONS,
} from '../contract/view.js';
import { type LaneStatuses, laneStatuses } from './statuses.js';

/** The operations of the lane, by their role in its scenarios. */
export const LANE_OPERATIONS = {
  trigger: ROLE_OPERATIONS.trigger,
  get: 'getFlowInstance',
  list: 'listFlowInstances',
  cancel: 'cancelFlowInstance',
} as const satisfies Record<string, OperationId>;
export type LaneRole = keyof typeof LANE_OPERATIONS;

/** The fields the lane sends and reads, by what they mean to it. */
export const FIELDS = {
  /** The envelope's payload, beside its code. */
  data: 'data',
  /** Get's query parameter and Cancel's body field: the instance asked about. */
  instanceParam: 'flowInstId',
  /** Trigger Flow's answer: the instance it created, inside `data`. */
  createdId: 'flowInstanceId',
  /** A FlowInstance, as Get answers it and List lists it. */
  instance: {
    id: 'instanceId',
    flowId: 'flowId',
    status: 'status',
    statusDesc: 'statusDesc',
    triggerTime: 'triggerTime',
    startTime: 'startTime',
    endTime: 'endTime',
  },
  /** List's request body and its page. */
  list: {
    expression: 'expression',
    status: 'status',
    from: 'fromTriggerTime',
    to: 'toTriggerTime',
    pagination: 'pagination',
    items: 'flowInsts',
    count: 'count',
  },
  pagination: { pageNo: 'pageNo', pageSize: 'pageSize' },
} as const;

/** The catalog answers the rules expect, by example name. */
export const EXPECTED = {
  /** Get and Cancel of another user's instance (rule 6). */
  notOwner: 'noPrivilege',
  /** Cancel of an instance that has finished: nothing for cleanup to do. */
  finished: 'instanceFinished',
} as const;

export interface LaneContract {
  view: ContractView;
  ops: Record<LaneRole, OperationView>;
  routes: Record<LaneRole, OperationRoute>;
  statuses: LaneStatuses;
  /** The catalog entry for another user's instance, of Get and of Cancel. */
  notOwner: { get: CatalogExample; cancel: CatalogExample };
  finished: CatalogExample;
}

export function laneContract(view: ContractView): LaneContract {
  const ops = mapRoles((role) => view.op(LANE_OPERATIONS[role]));
  const routes = mapRoles((role) =>
    operationRoute(LANE_OPERATIONS[role] as OperationId, view.document),
  );
  requireNames(
    ops.get,
    'query parameter',
    ops.get.query.map((p) => p.name),
    [FIELDS.instanceParam],
  );
  requireNames(ops.cancel, 'body field', propertyNames(ops.cancel.requestSchema), [
    FIELDS.instanceParam,
  ]);
  requireNames(ops.trigger, 'answer field', propertyNames(ops.trigger.answer200), [
    FIELDS.data,
    FIELDS.createdId,
  ]);
  requireNames(
    ops.get,
    'answer field',
    propertyNames(ops.get.answer200),
    Object.values(FIELDS.instance),
  );
  requireNames(ops.list, 'answer field', propertyNames(ops.list.answer200), [
    FIELDS.list.items,
    FIELDS.list.count,
  ]);
  requireNames(ops.list, 'body field', propertyNames(ops.list.requestSchema), [
    FIELDS.list.expression,
    FIELDS.list.status,
    FIELDS.list.from,
    FIELDS.list.to,
    FIELDS.list.pagination,
    ...Object.values(FIELDS.pagination),
  ]);
  return {
    view,
    ops,
    routes,
    statuses: laneStatuses(view),
    notOwner: {
      get: entry(ops.get, EXPECTED.notOwner),
      cancel: entry(ops.cancel, EXPECTED.notOwner),
    },
    finished: entry(ops.cancel, EXPECTED.finished),
  };
}

function mapRoles<T>(of: (role: LaneRole) => T): Record<LaneRole, T> {
  return Object.fromEntries(
    (Object.keys(LANE_OPERATIONS) as LaneRole[]).map((role) => [role, of(role)]),
  ) as Record<LaneRole, T>;
}

function entry(op: OperationView, name: string): CatalogExample {
  const found = op.catalog.find((e) => e.name === name);
  if (!found) throw mismatch(`${op.id} has no "${name}" error example`);
  return found;
}

function requireNames(
  op: OperationView,
  kind: string,
  have: Iterable<string>,
  need: string[],
): void {
  const known = new Set(have);
  const missing = need.filter((name) => !known.has(name));
  if (missing.length > 0) {
    throw mismatch(`${op.id} has no ${kind} ${missing.map((m) => `"${m}"`).join(', ')}`);
  }
}

function mismatch(problem: string): ContractShapeError {
  return new ContractShapeError(
    `The contract's ${problem}, which the behaviour lane uses: this version of @enos-trigger/conformance does not match the installed @enos-trigger/spec. Install matching versions.`,
  );
}

/** Every property name anywhere in a (dereferenced) schema: its branches, items and nesting. */
export function propertyNames(schema: JsonSchema | undefined): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const properties = record.properties;
    if (typeof properties === 'object' && properties !== null) {
      for (const [name, value] of Object.entries(properties)) {
        names.add(name);
        walk(value);
      }
    }
    for (const key of ['items', 'allOf', 'oneOf', 'anyOf']) walk(record[key]);
  };
  walk(schema);
  return names;
}
