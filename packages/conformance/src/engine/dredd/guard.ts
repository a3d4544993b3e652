/**
 * The guard on the engine itself. Dredd skips a hook file it cannot `require()` (an ES module,
 * a syntax error) with a mere warning and goes on: every request would go unsigned and every
 * answer be checked against the example's keys only, and Dredd would still exit 0. The same
 * silence follows a transaction whose name no hook knows, as when a summary in the contract is
 * renamed. Each of these fails the run here.
 *
 * A worker that crashed (out of memory, a signal) is a crash, said in the "Dredd ran to the
 * end" row with its likely cause; whether the hooks loaded is known from the moment they did
 * (the worker says so at once), and what it could not report is skipped, saying why.
 */
import type { CheckOutcome } from '../../results/model.js';
import { type DreddRun, HOOK_LOAD_WARNING } from './driver.js';

const CRASHED = 'the Dredd worker crashed before it could tell (see "Dredd ran to the end")';

export function engineChecks(run: DreddRun): CheckOutcome[] {
  const hookWarning = run.logs.find((log) => log.message.includes(HOOK_LOAD_WARNING));
  const crashedUnknown = run.crashed && !run.hooksLoaded && !hookWarning;
  const hooks: CheckOutcome = {
    id: 'engine:hooks-loaded',
    section: 'engine',
    title: 'Dredd loaded the CommonJS hooks',
    evidence: 'documented',
    passReason: 'the hooks registered themselves',
    violations:
      run.hooksLoaded && !hookWarning
        ? []
        : [
            {
              evidence: 'documented',
              message: `the hooks did not load${hookWarning ? ` (${hookWarning.message.split('\n').slice(0, 2).join(' ')})` : ''}: nothing was signed or checked against the contract's schemas`,
            },
          ],
    ...(crashedUnknown ? { skipped: CRASHED } : {}),
  };
  const names: CheckOutcome = {
    id: 'engine:transaction-names',
    section: 'engine',
    title: "every Dredd transaction is one the contract's summaries name, and has its hook",
    evidence: 'documented',
    passReason: `${run.outcomes.size} transactions`,
    violations: [
      ...run.unknown.map((name) => ({
        evidence: 'documented' as const,
        message: `Dredd produced "${name}", which no hook handles`,
      })),
      ...run.missing.map((name) => ({
        evidence: 'documented' as const,
        message: `Dredd produced no "${name}"`,
      })),
    ],
    ...(run.crashed ? { skipped: CRASHED } : {}),
  };
  const engine: CheckOutcome = {
    id: 'engine:dredd',
    section: 'engine',
    title: 'Dredd ran to the end',
    evidence: 'documented',
    passReason: 'finished',
    violations: run.failure ? [{ evidence: 'documented', message: run.failure }] : [],
  };
  return [hooks, names, engine];
}
