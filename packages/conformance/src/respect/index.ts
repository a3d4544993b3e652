/**
 * @enos-trigger/conformance/respect: Arazzo workflows run by Redocly Respect through the
 * signing proxy, and what they found, for the suite's reporters and for any tool.
 */
export { BEHAVIOUR_SOURCE_NAME, behaviourArazzoFile } from './files.js';
export {
  type RespectCheck,
  RespectError,
  type RespectOutcome,
  type RespectStep,
  type RespectWorkflow,
} from './outcome.js';
export { MAX_MESSAGE_CHARS, parseRespectReport } from './parse.js';
export {
  MAX_REPORT_BYTES,
  RESPECT_KILL_GRACE_MS,
  RESPECT_REPORT_FILE,
  type RespectRun,
  redoclyBin,
  runRespect,
} from './run.js';
