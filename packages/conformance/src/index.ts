/**
 * @enos-trigger/conformance as a library: the run behind the enos-trigger-conformance command,
 * and the parts a test or another tool may drive directly.
 */
export { HELP } from './config/help.js';
export {
  DEFAULT_NEGATIVE_RUNS,
  DEFAULT_OVERSIZE_BYTES,
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
export { type Output, runConformance } from './run/run.js';
