/**
 * Dredd as the run's engine (engine/engine.ts): its worker, forked at once so that loading Dredd
 * overlaps with the rest of the run's start, and its own guards (guard.ts) as the engine's rows.
 * The one module outside this folder's internals that the run names.
 */
import type { EngineFactory } from '../engine.js';
import { startDreddWorker } from './driver.js';
import { engineChecks } from './guard.js';

export const dreddEngine: EngineFactory = (options) => {
  const worker = startDreddWorker(options);
  return {
    title: 'Dredd, driven by the contract with the CommonJS hooks',
    name: 'Dredd',
    start(input, listeners) {
      const session = worker.start(input, listeners);
      return {
        provideToken: (accessToken) => session.provideToken(accessToken),
        result: session.result.then((run) => ({
          outcomes: run.outcomes,
          ...(run.trigger === undefined ? {} : { trigger: run.trigger }),
          ...(run.configError === undefined ? {} : { configError: run.configError }),
          guards: engineChecks(run),
        })),
      };
    },
    dispose: () => worker.dispose(),
  };
};
