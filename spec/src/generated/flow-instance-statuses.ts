// Generated from openapi.yaml by scripts/generate-flow-instance-statuses.ts: do not edit.
// Run `npx tsx spec/scripts/generate-flow-instance-statuses.ts` after changing FlowInstanceStatus.

/** Every status of a workflow instance: its code, its name, and whether it is final. */
export const FLOW_INSTANCE_STATUSES = [
  { code: -1, name: 'FAIL', terminal: true },
  { code: 0, name: 'INIT', terminal: false },
  { code: 1, name: 'SUCCESS', terminal: true },
  { code: 2, name: 'RUNNING', terminal: false },
  { code: 3, name: 'SUSPEND', terminal: false },
  { code: 4, name: 'INTERNAL_ERROR', terminal: true },
  { code: 5, name: 'WAIT', terminal: false },
  { code: 6, name: 'READY', terminal: false },
  { code: 7, name: 'TIMEOUT', terminal: true },
  { code: 8, name: 'CANCEL', terminal: true },
  { code: 9, name: 'RERUN', terminal: false },
  { code: 10, name: 'SKIP', terminal: true },
] as const;

/** The name of a status, as `statusDesc` carries it. */
export type FlowInstanceStatusName = (typeof FLOW_INSTANCE_STATUSES)[number]['name'];

/** The code of a status, as `status` carries it. */
export type FlowInstanceStatusCode = (typeof FLOW_INSTANCE_STATUSES)[number]['code'];
