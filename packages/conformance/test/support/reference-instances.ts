/**
 * The instance operations of the reference server (Get, List and Cancel Flow Instance), as far
 * as a conformance run looks: every instance its Trigger Flow answered, RUNNING until it is
 * cancelled, then CANCEL, which is final. It reads routes, parameters, request schemas, codes and
 * messages from the contract, and shares no code with the package under test; a switch breaks
 * one rule of an answer's schema, or lets a locked user cancel.
 *
 * Its locked user is a user of the organization whom an operation with a "user locked" answer
 * (Cancel) refuses with it, first, as the contract's inferred order says.
 */
import {
  errorCatalog,
  findOperation,
  flowInstanceStatuses,
  operationRoute,
  successExample,
} from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import type { Answer } from './reference-server.js';

export const INSTANCE_BREAKS = [
  'get-status-as-string',
  'list-without-count',
  'locked-user-cancel-accepted',
] as const;
export type InstanceBreak = (typeof INSTANCE_BREAKS)[number];

interface Instance {
  /** The ID as Trigger Flow answered it (a server that breaks the ID answers that one). */
  id: string;
  flowId: number;
  triggerTime: number;
  createdAt: number;
  cancelledAt?: number;
}

interface Caller {
  user: string;
  org: string;
  /** A locked user of `org`. */
  lockedUser: string;
}

export interface InstanceOperations {
  /** An instance Trigger Flow answered with `id`. */
  record(id: string, flowId: number, triggerTime: number): void;
  /** The answer to a request of one of the three operations, or undefined for another request. */
  route(request: { method: string; url: URL; raw: Buffer; authentic: boolean }): Answer | undefined;
}

const OPERATIONS = ['getFlowInstance', 'listFlowInstances', 'cancelFlowInstance'] as const;
type Operation = (typeof OPERATIONS)[number];
const SORTER_FIELD = /^\/pagination\/sorters\/[0-9]+\/field$/;
const USER_LOCKED = 'userLocked';
const RUNNING = statusNamed('RUNNING');
const CANCEL = statusNamed('CANCEL');

export function instanceOperations(
  caller: Caller,
  unauthorized: () => Answer,
  is: (rule: InstanceBreak | 'auth-not-enforced') => boolean,
): InstanceOperations {
  const instances = new Map<string, Instance>();
  const routes = OPERATIONS.map((id) => ({ id, route: operationRoute(id) }));
  const catalogs = new Map(
    OPERATIONS.map((id) => [id, new Map(errorCatalog(id).map((e) => [e.name, e.value]))]),
  );
  const bodyValid = new Map(
    OPERATIONS.flatMap((id) => {
      const schema = findOperation(id).operation.requestBody?.content['application/json']?.schema;
      return schema ? [[id, compileSchema(schema)] as const] : [];
    }),
  );
  const shown = (successExample('getFlowInstance').value as { data: Record<string, unknown> }).data;

  const refuse = (id: Operation, name: string): Answer => {
    const body = catalogs.get(id)?.get(name);
    if (body === undefined) throw new Error(`no ${name} in the catalog of ${id}`);
    return { status: 200, body };
  };

  function view(instance: Instance): Record<string, unknown> {
    const state = instance.cancelledAt === undefined ? RUNNING : CANCEL;
    return {
      ...shown,
      instanceId: instance.id,
      flowId: instance.flowId,
      owner: caller.user,
      doAs: caller.user,
      ...state,
      triggerTime: serverTime(instance.triggerTime),
      startTime: serverTime(instance.createdAt),
      endTime: instance.cancelledAt === undefined ? '' : serverTime(instance.cancelledAt),
      timestamp: `${serverTime(instance.createdAt)}.0`,
      calDt: new Date(instance.triggerTime - 86_400_000).toISOString().slice(0, 10),
    };
  }

  function answer(id: Operation, query: URLSearchParams, body: unknown): Answer {
    const user = query.get('userId');
    const inOrg = query.get('orgId') === caller.org;
    const lockedCaller = inOrg && user === caller.lockedUser;
    if (!inOrg || (user !== caller.user && !lockedCaller)) return refuse(id, 'userNotInOrg');
    if (lockedCaller && catalogs.get(id)?.has(USER_LOCKED) && !is('locked-user-cancel-accepted')) {
      return refuse(id, USER_LOCKED);
    }
    if (id === 'listFlowInstances') {
      const search = body as {
        expression?: string;
        owner?: string;
        pagination?: { pageNo: number; pageSize: number };
      };
      if (search.owner !== undefined && search.owner !== user) return refuse(id, 'noPrivilege');
      const wanted = (search.expression ?? '').toLowerCase();
      const all = [...instances.values()].filter((i) => i.id.toLowerCase().includes(wanted));
      const { pageNo = 1, pageSize = all.length } = search.pagination ?? {};
      const page = all.slice((pageNo - 1) * pageSize, pageNo * pageSize).map((i) => ({
        ...view(i),
        isCancelled: i.cancelledAt !== undefined,
      }));
      const data = is('list-without-count')
        ? { flowInsts: page }
        : { flowInsts: page, count: all.length };
      return { status: 200, body: { code: 0, msg: 'OK', data } };
    }
    const named =
      id === 'getFlowInstance'
        ? query.get('flowInstId')
        : (body as { flowInstId: string }).flowInstId;
    const instance = instances.get(named ?? '');
    if (!instance) return refuse(id, 'instanceNotFound');
    if (id === 'getFlowInstance') {
      const data = view(instance);
      if (is('get-status-as-string')) data.status = data.statusDesc;
      return { status: 200, body: { code: 0, msg: 'OK', data } };
    }
    if (instance.cancelledAt !== undefined) return refuse(id, 'instanceFinished');
    instance.cancelledAt = Date.now();
    return { status: 200, body: { code: 0, msg: 'OK', data: '' } };
  }

  return {
    record(id, flowId, triggerTime) {
      if (!instances.has(id)) {
        instances.set(id, { id, flowId, triggerTime, createdAt: Date.now() });
      }
    },

    route({ method, url, raw, authentic }) {
      const found = routes.find(
        ({ route }) =>
          route.method === method &&
          route.path === url.pathname &&
          Object.entries(route.fixedQuery).every(([k, v]) => url.searchParams.get(k) === v),
      );
      if (!found) return undefined;
      if (!authentic && !is('auth-not-enforced')) return unauthorized();
      const { id } = found;
      const parameters = (findOperation(id).operation.parameters ?? []).filter(
        (p) => p.in === 'query' && p.required,
      );
      const malformed = parameters.some(
        (p) => url.searchParams.getAll(p.name).length !== 1 || url.searchParams.get(p.name) === '',
      );
      if (malformed) return refuse(id, 'invalidRequest');
      const validate = bodyValid.get(id);
      let body: unknown;
      if (validate) {
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return refuse(id, 'invalidRequest');
        }
        if (!validate(body)) {
          const sorter = validate.errors?.some((e) => SORTER_FIELD.test(e.instancePath));
          return refuse(
            id,
            sorter && id === 'listFlowInstances' ? 'invalidSorter' : 'invalidRequest',
          );
        }
      }
      return answer(id, url.searchParams, body);
    },
  };
}

/** A status as an instance carries it: its code and its name, from the contract. */
function statusNamed(name: string): { status: number; statusDesc: string } {
  const found = flowInstanceStatuses().find((s) => s.name === name);
  if (!found) throw new Error(`the contract has no instance status ${name}`);
  return { status: found.code, statusDesc: found.name };
}

/** `yyyy-MM-dd HH:mm:ss`, in UTC, as the contract's examples write server times. */
function serverTime(time: number): string {
  return new Date(time).toISOString().slice(0, 19).replace('T', ' ');
}
