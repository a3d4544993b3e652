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
  type ClientDefault,
  createTriggerFlowClient,
  type TriggerFlowCallInput,
  type TriggerFlowClient,
  type TriggerFlowClientOptions,
  type TriggerFlowInput,
  type TriggerFlowResult,
  type TriggerFlowSuccess,
} from './client.js';
export * from './failures.js';
export {
  type FlowInstanceIdParts,
  parseFlowInstanceId,
} from './flow-instance-id.js';
export type { components, operations, paths } from './generated/openapi.js';
export { unwrap } from './result.js';
export type { RetryEvent, RetryOptions } from './retry.js';
export type {
  OperationAnswer,
  OperationBody,
  OperationErrorCode,
  OperationId,
  OperationQuery,
  OperationSuccess,
} from './types.js';
