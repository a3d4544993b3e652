/**
 * @enos-trigger/conformance as a library: the run behind the enos-trigger-conformance command,
 * and the parts a test or another tool may drive directly: the behaviour lane and its rules,
 * the signing proxy and the Respect runner (also at ./proxy and ./respect).
 */
export { UsageError } from '@enos-trigger/cli-kit';
export {
  BEHAVIOUR_RULES,
  type BehaviourRule,
  type LaneInput,
  type LanePlan,
  type RuleContext,
  runBehaviourLane,
  type Verdict,
} from './behaviour/index.js';
export type { Check } from './checks/check.js';
export type { Exchange } from './checks/exchange.js';
export { CHECKS } from './checks/registry.js';
export { HELP } from './config/help.js';
export {
  DEFAULT_DEADLINE_MS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_TIMEOUTS,
  DEFAULT_NEGATIVE_RUNS,
  DEFAULT_OVERSIZE_BYTES,
  DEFAULT_REQUEST_TIMEOUT_MS,
  parseCli,
  type RunOptions,
} from './config/options.js';
export { contractView } from './contract/view.js';
export {
  type DreddRun,
  type DreddStart,
  HOOK_LOAD_WARNING,
  runDredd,
} from './engine/dredd/driver.js';
export { dreddEngine } from './engine/dredd/engine.js';
export { engineChecks } from './engine/dredd/guard.js';
export type { Engine, EngineFactory } from './engine/engine.js';
export type { Transport } from './http/limits.js';
export { type PlannedTransaction, planTransactions } from './plan/transactions.js';
export { type SigningProxy, type SigningProxyOptions, startSigningProxy } from './proxy/index.js';
export { REPORT_FILES, REPORTERS } from './reporters/registry.js';
export type { Reporter, ReporterFactory } from './reporters/reporter.js';
export {
  behaviourArazzoFile,
  RespectError,
  type RespectOutcome,
  type RespectRun,
  runRespect,
} from './respect/index.js';
export type { CheckResult, Evidence, RunSummary, Status } from './results/model.js';
export { PLAN_FILES } from './run/dry-run.js';
export { type Output, runConformance } from './run/run.js';
