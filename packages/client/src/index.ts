export { triggerAdvice } from './advice.js';
export {
  canonicalQuery,
  type QueryInput,
  type RequestSignatureInput,
  requestSignature,
  sha256Hex,
  type TokenEncryptionInput,
  tokenEncryption,
} from './auth.js';
export {
  createTriggerFlowClient,
  type TriggerFlowClient,
  type TriggerFlowResult,
  type TriggerFlowSuccess,
} from './client.js';
export * from './failures.js';
export {
  type FlowInstanceIdParts,
  parseFlowInstanceId,
} from './flow-instance-id.js';
export type { components, operations, paths } from './generated/openapi.js';
export {
  type CancelFlowInstanceResult,
  cancelFlowInstance,
  type FlowInstance,
  type FlowInstanceListItem,
  type FlowInstancePage,
  type FlowInstanceStatusName,
  type GetFlowInstanceResult,
  getFlowInstance,
  type InstanceCallInput,
  type InstanceCallOptions,
  type ListFlowInstancesFilter,
  listFlowInstances,
} from './instances.js';
export { unwrap } from './result.js';
export { type Retrier, type RetryEvent, type RetryOptions, retrying } from './retry.js';
export {
  type Advice,
  type CallOptions,
  type ClientDefault,
  createSession,
  type Session,
  type SessionOptions,
  type TriggerFlowClientOptions,
} from './session.js';
export {
  type TriggerFlowCallInput,
  type TriggerFlowInput,
  triggerFlow,
} from './trigger.js';
export type {
  OperationAnswer,
  OperationBody,
  OperationErrorCode,
  OperationId,
  OperationQuery,
  OperationSuccess,
} from './types.js';
export {
  type TriggerAndWaitResult,
  triggerFlowAndWait,
  type WaitFailure,
  type WaitOptions,
  type WaitResult,
  waitForFlowInstance,
} from './wait.js';
