/**
 * The Dredd worker: a child process of the run that drives Dredd 14 through its JavaScript API
 * with the CommonJS hooks. It runs apart so that Dredd's console output (which would print
 * request headers, and so the token) never reaches the terminal, and so that a crash inside
 * this unmaintained engine cannot take the run down with it.
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { createHookContext } from './hook-context.js';
import { guardHttp } from './http-guard.js';
import { CONTEXT_KEY, type WorkerMessage, type WorkerStart, type WorkerToken } from './protocol.js';

const require = createRequire(import.meta.url);
// Loaded at once, before the start message: the run forks this worker early so that loading
// Dredd overlaps with starting the target and getting a token.
const Dredd = require('dredd') as new (
  config: Record<string, unknown>,
) => {
  run(callback: (error: Error | null) => void): void;
};

interface WinstonLogger {
  transports: { console: { silent: boolean } };
  on(
    event: 'logging',
    listener: (transport: unknown, level: string, message: string) => void,
  ): void;
}

function post(message: WorkerMessage): void {
  process.send?.(message);
}

async function run(start: WorkerStart): Promise<void> {
  guardHttp({
    maxResponseBytes: start.maxResponseBytes,
    timeoutMs: start.requestTimeoutMs,
    onAnswer: (what) => post({ type: 'attempt', timedOut: false, what }),
  });
  const context = createHookContext(start, post);
  (globalThis as Record<symbol, unknown>)[CONTEXT_KEY] = context;
  process.on('message', (message: WorkerToken) => {
    if (message.type === 'token') context.provideToken(message.accessToken);
  });
  const emitter = new EventEmitter();
  emitter.on('test error', (error: Error & { code?: string }, test: { message?: string }) => {
    if (test?.message) context.requestFailed(test.message, error);
  });
  const dredd = new Dredd({
    endpoint: start.server,
    path: [start.contractFile],
    hookfiles: [start.hookfile],
    reporter: [],
    output: [],
    color: false,
    loglevel: 'warning',
    language: 'nodejs',
    // The `request` options of every call: a gateway that never answers must not hang the run.
    // It bounds the wait between two bytes; guardHttp bounds the whole answer, and its size.
    http: { timeout: start.requestTimeoutMs },
    emitter,
  });
  // Dredd prints through two winston loggers; keep them quiet and pass their warnings on.
  for (const module of ['dredd/build/logger', 'dredd/build/reporters/reporterOutputLogger']) {
    const logger = (require(module) as { default: WinstonLogger }).default;
    logger.transports.console.silent = true;
  }
  (require('dredd/build/logger') as { default: WinstonLogger }).default.on(
    'logging',
    (_transport, level, message) => post({ type: 'log', level, message }),
  );
  await new Promise<void>((resolve) => {
    dredd.run((error) => {
      if (error) post({ type: 'failed', message: `Dredd stopped: ${error.message}` });
      resolve();
    });
  });
  post({ type: 'done', ...context.summary() });
}

process.once('message', (message: WorkerStart) => {
  run(message)
    .catch((error: unknown) => post({ type: 'failed', message: (error as Error).message }))
    .finally(() => process.disconnect());
});
