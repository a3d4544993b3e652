/**
 * Runs Dredd in its worker process and gathers what it reports. Dredd reads the bundled
 * contract (YAML: it parses faster than the dereferenced JSON, and is the same document); the
 * hooks take their schemas from the dereferenced one. The worker gets its start message (with
 * the secret and the token) over IPC; its stdout and stderr are kept only to explain a crash,
 * and are never printed as they are.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { contractFiles } from '@enos-trigger/spec';
import type {
  Observation,
  TransactionOutcome,
  TriggerRecord,
  WorkerMessage,
  WorkerStart,
  WorkerToken,
} from './protocol.js';

export interface DreddRun {
  outcomes: Map<string, TransactionOutcome>;
  trigger?: TriggerRecord;
  observations: Observation[];
  /** Dredd's own warnings and errors. */
  logs: { level: string; message: string }[];
  hooksLoaded: boolean;
  /** Transactions Dredd named that the plan does not know. */
  unknown: string[];
  /** Planned transactions Dredd did not produce. */
  missing: string[];
  /** Why the worker failed, if it did. */
  failure?: string;
}

export interface DreddListeners {
  /** A token the server issued: the run must never print it. */
  onSecret?(value: string): void;
  onOutcome?(outcome: TransactionOutcome): void;
}

export type DreddStart = Omit<WorkerStart, 'type' | 'hookfile' | 'contractFile'> & {
  /** Another hook file, for the guard's own tests. Default: the package's CommonJS hooks. */
  hookfile?: string;
};

/** Dredd's warning when a hook file fails to load (an ES module, a syntax error). */
export const HOOK_LOAD_WARNING = 'Skipping hook loading';
const TIMEOUT_MS = 300_000;
const KEPT_OUTPUT = 4000;

export interface DreddSession {
  /** Let the hooks sign: until then Dredd parses the contract and waits. */
  provideToken(accessToken: string): void;
  /** What Dredd reported, once the worker is done. */
  result: Promise<DreddRun>;
}

export interface DreddWorker {
  /** Start Dredd (once): it parses the contract at once, and runs when given the token. */
  start(start: DreddStart, listeners?: DreddListeners): DreddSession;
  /** End the worker if it is still there (the run stopped early). */
  dispose(): void;
}

/**
 * Fork the worker now, so that it loads Dredd (most of its start-up cost) while the run starts
 * its target; `start` lets it parse the contract while the run gets its token.
 */
export function startDreddWorker(): DreddWorker {
  const child = fork(fileURLToPath(new URL('./worker.js', import.meta.url)), [], {
    execArgv: ['--no-warnings'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ?? `code ${code}`));
  });
  return {
    dispose() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
    start(start, listeners = {}) {
      const run: DreddRun = {
        outcomes: new Map(),
        observations: [],
        logs: [],
        hooksLoaded: false,
        unknown: [],
        missing: [],
      };
      let done = false;
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'done') done = true;
        record(run, message, listeners);
      });
      const message: WorkerStart = {
        ...start,
        type: 'start',
        contractFile: contractFiles.yaml,
        hookfile: start.hookfile ?? fileURLToPath(new URL('./hooks.cjs', import.meta.url)),
      };
      if (child.connected) child.send(message);
      const result = (async () => {
        const timer = setTimeout(() => {
          run.failure = `Dredd did not finish within ${TIMEOUT_MS / 1000} s`;
          child.kill();
        }, TIMEOUT_MS);
        const how = await exited;
        clearTimeout(timer);
        if (!done && !run.failure) {
          run.failure = `the Dredd worker exited (${how}) before it finished: ${output.trim() || 'no output'}`;
        }
        return run;
      })();
      return {
        provideToken(accessToken) {
          const token: WorkerToken = { type: 'token', accessToken };
          if (child.connected) child.send(token);
        },
        result,
      };
    },
  };
}

/** Run Dredd in a worker of its own, with a token already at hand. */
export function runDredd(
  start: DreddStart & { accessToken: string },
  listeners: DreddListeners = {},
): Promise<DreddRun> {
  const { accessToken, ...rest } = start;
  const session = startDreddWorker().start(rest, listeners);
  session.provideToken(accessToken);
  return session.result;
}

function record(run: DreddRun, message: WorkerMessage, listeners: DreddListeners): void {
  switch (message.type) {
    case 'secret':
      listeners.onSecret?.(message.value);
      break;
    case 'observed':
      run.observations.push(message.observation);
      break;
    case 'outcome':
      run.outcomes.set(message.outcome.name, message.outcome);
      listeners.onOutcome?.(message.outcome);
      break;
    case 'trigger':
      run.trigger = message.record;
      break;
    case 'log':
      run.logs.push({ level: message.level, message: message.message });
      break;
    case 'failed':
      run.failure = run.failure ? `${run.failure}; ${message.message}` : message.message;
      break;
    case 'done':
      run.hooksLoaded = message.hooksLoaded;
      run.unknown = message.unknown;
      run.missing = message.missing;
      break;
  }
}
