/**
 * List Flow Instances over the sandbox's instances: filter, sort, cut one page. Linear in the
 * instances searched, but for the sort (n log n); only the page's instances are turned into
 * answers. The request has passed the contract's schema (and the leniencies of
 * list-instances-endpoint.ts), so its fields have the contract's types here.
 */

import { type Instance, type InstanceStatus, statusAt } from './instances.js';
import type { FlowState } from './state.js';

export interface SearchRequest {
  type?: number;
  expression?: string;
  owner?: string;
  fromTriggerTime?: number;
  toTriggerTime?: number;
  /** Status codes, comma-separated. */
  status?: string;
  pagination?: {
    pageNo: number;
    pageSize: number;
    sorters?: { field: SortField; order?: 'ASC' | 'DESC' }[];
  };
}

export type SortField = 'createTime' | 'updateTime' | 'startTime' | 'triggerTime' | 'endTime';

/** The type code of a manually triggered instance: the only kind the sandbox makes. */
const MANUAL = 0;

/**
 * What each sort field reads of an instance; undefined when it has not happened (a start or end
 * still to come), which sorts after every time in either order.
 */
const SORT_KEYS: Record<SortField, (instance: Instance) => number | undefined> = {
  createTime: (i) => i.acceptedAt,
  updateTime: (i) => i.endedAt ?? i.startedAt ?? i.acceptedAt,
  startTime: (i) => i.startedAt,
  triggerTime: (i) => i.triggerTime,
  endTime: (i) => i.endedAt,
};

/** Without sorters: the latest trigger time first (see the contract's description). */
const DEFAULT_ORDER = [{ field: 'triggerTime', order: 'DESC' }] as const;

export interface Found {
  instance: Instance;
  flow: FlowState;
}

export interface SearchResult {
  /** The page asked for; every match when the request has no pagination. */
  page: Found[];
  /** How many instances match, on every page. */
  count: number;
}

/**
 * The matches among the instances of `flows` (the caller's own, settled to `now`), sorted and
 * cut to the page. `codes` gives the contract's code of each status.
 */
export function searchInstances(
  flows: Iterable<FlowState>,
  request: SearchRequest,
  now: number,
  codes: ReadonlyMap<InstanceStatus, number>,
): SearchResult {
  const test = matcher(request, now, codes);
  const found: Found[] = [];
  for (const flow of flows) {
    for (const instance of flow.runs.instances) {
      if (test(instance, flow)) found.push({ instance, flow });
    }
  }
  const sorted = sortFound(found, request.pagination?.sorters ?? DEFAULT_ORDER);
  const { pagination } = request;
  if (!pagination) return { page: sorted, count: sorted.length };
  const start = (pagination.pageNo - 1) * pagination.pageSize;
  return { page: sorted.slice(start, start + pagination.pageSize), count: sorted.length };
}

function matcher(
  request: SearchRequest,
  now: number,
  codes: ReadonlyMap<InstanceStatus, number>,
): (instance: Instance, flow: FlowState) => boolean {
  // No test of `owner`: the flows searched are the caller's, and the handler refuses another.
  const { type, fromTriggerTime, toTriggerTime } = request;
  const expression = request.expression?.toLowerCase();
  const statuses =
    request.status === undefined
      ? undefined
      : new Set(request.status.split(',').map((code) => Number(code.trim())));
  return (instance, flow) =>
    (type === undefined || type === MANUAL) &&
    (fromTriggerTime === undefined || instance.triggerTime >= fromTriggerTime) &&
    (toTriggerTime === undefined || instance.triggerTime <= toTriggerTime) &&
    (expression === undefined ||
      instance.flowInstanceId.toLowerCase().includes(expression) ||
      flow.fixture.name.toLowerCase().includes(expression)) &&
    (statuses === undefined || statuses.has(codes.get(statusAt(instance, now)) as number));
}

/** Sorted by the sorters, first to last; ties in the order the instances were created. */
function sortFound(
  found: Found[],
  sorters: readonly { field: SortField; order?: 'ASC' | 'DESC' }[],
): Found[] {
  const keys = sorters.map(({ field, order }) => ({
    read: SORT_KEYS[field],
    sign: order === 'DESC' ? -1 : 1,
  }));
  // Read every key once, not once per comparison.
  const rows = found.map((entry) => ({
    entry,
    values: keys.map(({ read }) => read(entry.instance)),
  }));
  rows.sort((a, b) => {
    for (const [n, { sign }] of keys.entries()) {
      const x = a.values[n];
      const y = b.values[n];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x - y) * sign;
    }
    return a.entry.instance.sequence - b.entry.instance.sequence;
  });
  return rows.map((row) => row.entry);
}
