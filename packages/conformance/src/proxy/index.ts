/**
 * @enos-trigger/conformance/proxy: the local signing proxy behind enos-trigger-signing-proxy,
 * for a test or a tool that starts it in its own process.
 */
export { PROXY_ERROR_HEADER, PROXY_ERRORS, type ProxyErrorCode } from './errors.js';
export { PROXY_HELP } from './help.js';
export {
  callerWaitMs,
  DEFAULT_MAX_REQUEST_BYTES,
  PROXY_HOST,
  type SigningProxy,
  type SigningProxyOptions,
  startSigningProxy,
} from './server.js';
