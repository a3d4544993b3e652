/**
 * An instance as the contract's FlowInstance gives it: the sandbox's record, its workflow's
 * fixture and the server's time zone make the fields that vary; the fields the sandbox does not
 * model (schedule, graph, parameters, alerts) are those of the contract's Get Flow Instance
 * success example. Status codes and names are the contract's (`flowInstanceStatuses`).
 */
import { flowInstanceStatuses, successExample } from '@enos-trigger/spec';
import { contractGap } from './contract-rules.js';
import type { FlowFixture } from './fixtures.js';
import { type Instance, type InstanceStatus, statusAt } from './instances.js';
import type { ServerTimeZone } from './server-time.js';

/** Every status a sandbox instance takes (see InstanceStatus). */
const SANDBOX_STATUSES: readonly InstanceStatus[] = [
  'INIT',
  'WAIT',
  'RUNNING',
  'SUCCESS',
  'FAIL',
  'CANCEL',
];

let codesCache: Map<InstanceStatus, number> | undefined;

/** The contract's code of each sandbox status; the sandbox does not start without them all. */
export function statusCodes(): Map<InstanceStatus, number> {
  if (codesCache) return codesCache;
  const codes = new Map(flowInstanceStatuses().map((s) => [s.name, s.code]));
  codesCache = new Map(
    SANDBOX_STATUSES.map((name) => {
      const code = codes.get(name);
      if (code === undefined) throw contractGap(`FlowInstanceStatus has no status ${name}`);
      return [name, code];
    }),
  );
  return codesCache;
}

/**
 * The FlowInstance of the contract's example: each field the sandbox models is written over it,
 * so those it does not model keep the example's values without being named here.
 */
function exampleInstance(): Record<string, unknown> {
  const { data } = successExample('getFlowInstance').value as { data?: Record<string, unknown> };
  if (!data) throw contractGap('the getFlowInstance success example has no data');
  return data;
}

export interface InstanceViewer {
  /** The FlowInstance of Get Flow Instance. */
  instance(record: Instance, flow: Required<FlowFixture>, now: number): Record<string, unknown>;
  /** The item of List Flow Instances: the same, with isCancelled. */
  listItem(record: Instance, flow: Required<FlowFixture>, now: number): Record<string, unknown>;
}

/** A viewer writing times in `zone`, built once per sandbox. */
export function instanceViewer(zone: ServerTimeZone): InstanceViewer {
  const codes = statusCodes();
  const example = exampleInstance();
  const instance = (record: Instance, flow: Required<FlowFixture>, now: number) => {
    const status = statusAt(record, now);
    return {
      ...example,
      instanceId: record.flowInstanceId,
      flowId: record.flowId,
      flowName: flow.name,
      doAs: flow.owner,
      status: codes.get(status) as number,
      statusDesc: status,
      triggerTime: zone.dateTime(record.triggerTime),
      startTime: record.startedAt === undefined ? '' : zone.dateTime(record.startedAt),
      endTime: record.endedAt === undefined ? '' : zone.dateTime(record.endedAt),
      timestamp: zone.timestamp(record.acceptedAt),
      owner: flow.owner,
      calDt: zone.dayBefore(record.triggerTime),
    };
  };
  return {
    instance,
    listItem: (record, flow, now) => ({
      ...instance(record, flow, now),
      isCancelled: record.status === 'CANCEL',
    }),
  };
}
