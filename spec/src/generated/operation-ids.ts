// Generated from openapi.yaml by scripts/generate-operation-ids.ts: do not edit.
// Run `npx tsx spec/scripts/generate-operation-ids.ts` after changing the contract's operations.

/** Every operationId of the contract, in the order the document writes them. */
export const OPERATION_IDS = [
  'triggerFlow',
  'getFlowInstance',
  'listFlowInstances',
  'cancelFlowInstance',
  'getAccessToken',
] as const;

/** An operationId of the contract. */
export type OperationId = (typeof OPERATION_IDS)[number];
