/**
 * @enos-trigger/conformance as a library: the run behind the enos-trigger-conformance command,
 * and the parts a test or another tool may drive directly.
 */
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
export { UsageError } from './config/usage-error.js';
export { contractView } from './contract/view.js';
export { type DreddRun, type DreddStart, HOOK_LOAD_WARNING, runDredd } from './dredd/driver.js';
export { engineChecks } from './dredd/guard.js';
export { type PlannedTransaction, planTransactions } from './dredd/plan.js';
export type { CheckResult, Evidence, RunSummary, Status } from './results/model.js';
export { REPORT_FILES } from './results/reports.js';
export { PLAN_FILES } from './run/dry-run.js';
export { type Output, runConformance } from './run/run.js';
