/**
 * Runs Dredd in its worker process and gathers what it reports. Dredd reads the bundled
 * contract (YAML: it parses faster than the dereferenced JSON, and is the same document); the
 * hooks take their schemas from the dereferenced one. The worker gets its start message (with
 * the secret and the token) over IPC; its stdout and stderr are kept only to explain a crash,
 * and are never printed as they are.
 *
 * The worker's heap is bounded (workerHeapMb) and every answer it reads is capped
 * (http-guard.ts). A worker that dies anyway is reported as a crash, with its likely cause, and
 * not as hooks that did not load.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { contractFiles } from '@enos-trigger/spec';
import {
  type AnswerExchange,
  observed,
  type TransactionOutcome,
  type TriggerRecord,
} from '../../checks/exchange.js';
import { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_REQUEST_TIMEOUT_MS } from '../../http/limits.js';
import { Redactor } from '../../results/redact.js';
import { excerpt, oneLine } from '../../results/text.js';
import type { EngineInput, EngineListeners } from '../engine.js';
import type { WorkerMessage, WorkerStart, WorkerToken } from './protocol.js';

export interface DreddRun {
  outcomes: Map<string, TransactionOutcome>;
  trigger?: TriggerRecord;
  /** The answers Dredd and the hooks saw, unless an onAnswer listener took them. */
  answers: AnswerExchange[];
  /** Dredd's own warnings and errors. */
  logs: { level: string; message: string }[];
  hooksLoaded: boolean;
  /** Transactions Dredd named that the plan does not know. */
  unknown: string[];
  /** Planned transactions Dredd did not produce. */
  missing: string[];
  /** Why the worker failed, if it did. */
  failure?: string;
  /** The worker died before it reported (out of memory, a signal): `failure` says how. */
  crashed: boolean;
  /**
   * The run's own flow or user cannot be triggered (plan/config-errors.ts): what to fix. The
   * hooks sent nothing after the success trigger.
   */
  configError?: string;
}

/** Given onAnswer, the run does not keep the answers in `answers`. */
export type DreddListeners = EngineListeners;

export type DreddStart = Omit<EngineInput, 'requestTimeoutMs'> & {
  /** Another hook file, for the guard's own tests. Default: the package's CommonJS hooks. */
  hookfile?: string;
  /** A request's time limit. Default: 15 s. */
  requestTimeoutMs?: number;
};

export interface WorkerOptions {
  /** The most of an answer the worker reads. Default: 1 MiB. Its heap is sized from it. */
  maxResponseBytes?: number;
  /** Takes the secrets out of the worker's output before a crash report quotes its end. */
  redact?(text: string): string;
  /** How long Dredd may take before the worker is ended. Default: 300 s. */
  timeoutMs?: number;
}

/** Dredd's warning when a hook file fails to load (an ES module, a syntax error). */
export const HOOK_LOAD_WARNING = 'Skipping hook loading';
const DEFAULT_TIMEOUT_MS = 300_000;
/** The end of the worker's output kept to explain a crash, and how much of it is quoted. */
const KEPT_OUTPUT = 64 * 1024;
const QUOTED_OUTPUT = 1000;
const MIB = 1024 * 1024;
/** Dredd's own heap needs (it uses well under 100 MB on the bundled contract). */
const BASE_HEAP_MB = 256;
/** What V8 and Node print when the heap (or a string, or an array) cannot grow. */
const OUT_OF_MEMORY =
  /heap out of memory|Reached heap limit|Allocation failed|Invalid (typed )?array length|Invalid string length|Cannot create a string longer|ERR_STRING_TOO_LONG|Array buffer allocation failed/i;

/**
 * The worker's heap limit in MB: bounded, so that an answer too large to hold ends the worker
 * with an out-of-memory error the run reports, not the machine's memory. Room for Dredd and a
 * few copies (buffer, string, parsed JSON, IPC) of the largest answer it may read.
 */
export function workerHeapMb(maxResponseBytes: number): number {
  return BASE_HEAP_MB + 8 * Math.ceil(maxResponseBytes / MIB);
}

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
export function startDreddWorker(options: WorkerOptions = {}): DreddWorker {
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const heapMb = workerHeapMb(maxResponseBytes);
  const redact = options.redact ?? ((text: string) => text);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const child = fork(fileURLToPath(new URL('./worker.js', import.meta.url)), [], {
    execArgv: ['--no-warnings', `--max-old-space-size=${heapMb}`],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  let dropped = false;
  const keep = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > KEPT_OUTPUT) {
      output = output.slice(-KEPT_OUTPUT);
      dropped = true;
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => resolve(signal ?? `exit code ${code}`));
  });
  let disposed = false;
  return {
    dispose() {
      disposed = true;
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
    start(start, listeners = {}) {
      const run: DreddRun = {
        outcomes: new Map(),
        answers: [],
        logs: [],
        hooksLoaded: false,
        unknown: [],
        missing: [],
        crashed: false,
      };
      let done = false;
      child.on('message', (message: WorkerMessage) => {
        if (message.type === 'done') done = true;
        record(run, message, listeners);
      });
      const { requestTimeoutMs, hookfile, contract, ...rest } = start;
      const message: WorkerStart = {
        ...rest,
        type: 'start',
        contractFile: contract ?? contractFiles.yaml,
        ...(contract === undefined ? {} : { viewFile: contract }),
        hookfile: hookfile ?? fileURLToPath(new URL('./hooks.cjs', import.meta.url)),
        maxResponseBytes,
        requestTimeoutMs: requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      };
      if (child.connected) child.send(message);
      const result = (async () => {
        const timer = setTimeout(() => {
          run.failure = `Dredd did not finish within ${timeoutMs / 1000} s`;
          child.kill();
        }, timeoutMs);
        const how = await exited;
        clearTimeout(timer);
        if (!done && !run.failure) {
          if (disposed) {
            run.failure = 'the run ended the Dredd worker before it finished';
          } else {
            run.crashed = true;
            run.failure = crashReport(how, output, dropped, redact, heapMb);
          }
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

/**
 * What the run says of a worker that died before it reported: how, the likely cause, and the
 * line of its output that says so (or the end of its output). The output is redacted before
 * it is cut: a cut through a secret would leave a part of it no pattern finds. When the start
 * of what was kept was dropped, its first line may begin inside a secret, so it goes too.
 */
function crashReport(
  how: string,
  output: string,
  dropped: boolean,
  redact: (text: string) => string,
  heapMb: number,
): string {
  let text = output;
  if (dropped) {
    const newline = text.indexOf('\n');
    text = newline >= 0 ? text.slice(newline + 1) : text.slice(4096);
  }
  text = redact(text);
  const outOfMemory = text.split('\n').find((line) => OUT_OF_MEMORY.test(line));
  if (outOfMemory !== undefined) {
    return (
      `the Dredd worker crashed (${how}): it ran out of memory (its heap is bounded at ` +
      `${heapMb} MB), most likely holding an answer too large: ${excerpt(oneLine(outOfMemory), QUOTED_OUTPUT)}`
    );
  }
  const last = oneLine(text);
  const quoted = last.length <= QUOTED_OUTPUT ? last : `…${last.slice(-QUOTED_OUTPUT)}`;
  return `the Dredd worker crashed (${how}) before it reported. Its last output: ${quoted || 'none'}`;
}

/** Run Dredd in a worker of its own, with a token already at hand. */
export function runDredd(
  start: DreddStart & { accessToken: string; maxResponseBytes?: number },
  listeners: DreddListeners = {},
): Promise<DreddRun> {
  const { accessToken, maxResponseBytes, ...rest } = start;
  const redactor = new Redactor();
  redactor.add(start.identity.appSecret);
  redactor.add(accessToken);
  const worker = startDreddWorker({
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
    redact: (text) => redactor.redact(text),
  });
  const session = worker.start(rest, listeners);
  session.provideToken(accessToken);
  return session.result;
}

function record(run: DreddRun, message: WorkerMessage, listeners: DreddListeners): void {
  switch (message.type) {
    case 'secret':
      listeners.onSecret?.(message.value);
      break;
    case 'hooks-loaded':
      run.hooksLoaded = true;
      break;
    case 'attempt':
      listeners.onAttempt?.({ timedOut: message.timedOut, what: message.what });
      break;
    case 'observed': {
      const { operation, label, ...answer } = message.observation;
      const exchange = observed(operation, label, answer);
      if (listeners.onAnswer) listeners.onAnswer(exchange);
      else run.answers.push(exchange);
      break;
    }
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
    case 'config-error':
      run.configError = message.message;
      listeners.onConfigError?.(message.message);
      break;
    case 'done':
      run.hooksLoaded = run.hooksLoaded || message.hooksLoaded;
      run.unknown = message.unknown;
      run.missing = message.missing;
      break;
  }
}
