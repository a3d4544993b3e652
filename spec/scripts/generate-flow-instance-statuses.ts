/**
 * Writes src/generated/flow-instance-statuses.ts: the statuses of a workflow instance, read from
 * the FlowInstanceStatus schema of openapi.yaml, as a const list and the `FlowInstanceStatusName`
 * and `FlowInstanceStatusCode` unions, so that clients can type status names. The file is
 * committed (the package's build is plain tsc); spec/test/flow-instance-statuses.test.ts fails
 * when it no longer matches the contract, and says to run this script again:
 *
 *     npx tsx spec/scripts/generate-flow-instance-statuses.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import {
  FLOW_INSTANCE_STATUS_SCHEMA,
  type FlowInstanceStatusInfo,
  statusesOfSchema,
} from '../src/flow-instance-statuses.js';

export const CONTRACT_FILE = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
export const GENERATED_FILE = fileURLToPath(
  new URL('../src/generated/flow-instance-statuses.ts', import.meta.url),
);

/** The statuses openapi.yaml declares. */
export function contractStatuses(yamlText: string): FlowInstanceStatusInfo[] {
  const document = parse(yamlText) as {
    components?: { schemas?: Record<string, Record<string, unknown>> };
  };
  return statusesOfSchema(document.components?.schemas?.[FLOW_INSTANCE_STATUS_SCHEMA]);
}

/** The text of src/generated/flow-instance-statuses.ts for these statuses. */
export function renderStatuses(statuses: readonly FlowInstanceStatusInfo[]): string {
  const list = statuses
    .map(
      ({ code, name, terminal }) => `  { code: ${code}, name: '${name}', terminal: ${terminal} },`,
    )
    .join('\n');
  return `// Generated from openapi.yaml by scripts/generate-flow-instance-statuses.ts: do not edit.
// Run \`npx tsx spec/scripts/generate-flow-instance-statuses.ts\` after changing FlowInstanceStatus.

/** Every status of a workflow instance: its code, its name, and whether it is final. */
export const FLOW_INSTANCE_STATUSES = [
${list}
] as const;

/** The name of a status, as \`statusDesc\` carries it. */
export type FlowInstanceStatusName = (typeof FLOW_INSTANCE_STATUSES)[number]['name'];

/** The code of a status, as \`status\` carries it. */
export type FlowInstanceStatusCode = (typeof FLOW_INSTANCE_STATUSES)[number]['code'];
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const statuses = contractStatuses(readFileSync(CONTRACT_FILE, 'utf8'));
  writeFileSync(GENERATED_FILE, renderStatuses(statuses));
  console.log(`wrote ${GENERATED_FILE}: ${statuses.map((s) => s.name).join(', ')}`);
}
