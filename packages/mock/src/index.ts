/**
 * @enos-trigger/mock: real Prism serving the EnOS Trigger Flow contract, as a mock that
 * answers every documented response and as a proxy that checks a live server's traffic, each
 * behind a front that routes the operations sharing a path (see internal-paths.ts).
 */
export { type DocumentedResponse, documentedResponses } from './documented-responses.js';
export {
  InvalidContractError,
  InvalidOptionError,
  PortInUseError,
  PrismStartError,
} from './errors.js';
export {
  DEFAULT_HOST,
  DEFAULT_MOCK_PORT,
  DEFAULT_PROXY_PORT,
  type MockOptions,
  type ProxyOptions,
} from './options.js';
export type { PrismExit, PrismServer } from './prism-process.js';
export { startMock, startProxy } from './start.js';
