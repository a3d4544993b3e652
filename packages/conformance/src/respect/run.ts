/**
 * runRespect: Redocly Respect (the `respect` command of the pinned @redocly/cli) run on an
 * Arazzo file as a child process, its calls sent to a signing proxy in place of the source
 * description's server, and its JSON report read into a RespectOutcome.
 *
 * The child runs with the closed network in mind: telemetry and update notices off, a HOME of
 * its own (so no Redocly login of the user's is read), an environment without the caller's
 * (so no ENOS_APP_SECRET reaches it: the proxy alone signs), every fetch and the whole run
 * bounded by Respect's own timeouts, and the process killed by its id if it still runs past
 * them, when the run stops (`signal`), or when this process is ended by a signal (Ctrl-C).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../http/limits.js';
import { callerWaitMs } from '../proxy/index.js';
import { endWithThisProcess } from './end-with-process.js';
import { BEHAVIOUR_SOURCE_NAME } from './files.js';
import { RespectError, type RespectOutcome } from './outcome.js';
import { parseRespectReport } from './parse.js';

/** The largest JSON report read: Respect keeps every body it saw. */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;
/** The most of Respect's terminal output kept, for the message of a run without a report. */
const OUTPUT_TAIL_CHARS = 4000;
/** How long past its --execution-timeout Respect has to write its report before it is killed. */
export const RESPECT_KILL_GRACE_MS = 5000;
/** The default per-request wait: the longest a call through a proxy with default limits takes. */
const DEFAULT_FETCH_TIMEOUT_MS = callerWaitMs(DEFAULT_REQUEST_TIMEOUT_MS);
/** The report's file name, in the report directory. */
export const RESPECT_REPORT_FILE = 'respect.json';

export interface RespectRun {
  /** The Arazzo document. */
  arazzoFile: string;
  /** Only these workflows (Respect's --workflow); default every workflow of the file. */
  workflowIds?: string[];
  /** The signing proxy's URL: every call of the source description goes there. */
  proxyUrl: string;
  /** The source description whose server the proxy replaces; default BEHAVIOUR_SOURCE_NAME. */
  sourceName?: string;
  /** The workflows' inputs (Respect's --input), by name. Not secrets: the proxy holds those. */
  inputs: Record<string, string | number | boolean>;
  /** The whole run's limit (Respect's --execution-timeout), in ms. */
  timeoutMs: number;
  /**
   * One request's limit (Respect's --max-fetch-timeout), in ms, at most timeoutMs; default the
   * longest a call through a proxy with default limits takes (callerWaitMs).
   */
  fetchTimeoutMs?: number;
  /** Keep Respect's JSON report there as respect.json; default: a temporary directory, removed. */
  reportDir?: string;
  /**
   * The run's stop: when it aborts, Respect's process group is killed at once and runRespect
   * rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export async function runRespect(run: RespectRun): Promise<RespectOutcome> {
  if (!Number.isSafeInteger(run.timeoutMs) || run.timeoutMs <= 0) {
    throw new RespectError(`timeoutMs must be a whole number of ms above 0, not ${run.timeoutMs}.`);
  }
  run.signal?.throwIfAborted();
  const work = await mkdtemp(join(tmpdir(), 'enos-respect-'));
  try {
    const reportDir = run.reportDir === undefined ? work : resolve(run.reportDir);
    const reportFile = join(reportDir, RESPECT_REPORT_FILE);
    await rm(reportFile, { force: true });
    const started = performance.now();
    const exit = await runChild(
      respectArgs(run, reportFile),
      work,
      run.timeoutMs + RESPECT_KILL_GRACE_MS,
      run.signal,
    );
    const durationMs = Math.round(performance.now() - started);
    const text = await readReport(reportFile, exit);
    const parsed = parseRespectReport(text);
    return {
      ...parsed,
      durationMs,
      ...(run.reportDir === undefined ? {} : { reportFile }),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The bin of the pinned @redocly/cli, found from this package (never a global one). */
export function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  const manifest = require.resolve('@redocly/cli/package.json');
  const { bin } = require('@redocly/cli/package.json') as { bin: Record<string, string> };
  const entry = bin.redocly;
  if (!entry)
    throw new RespectError('@redocly/cli has no "redocly" bin: reinstall @redocly/cli 2.77.0.');
  return join(dirname(manifest), entry);
}

function respectArgs(run: RespectRun, reportFile: string): string[] {
  const fetchTimeout = Math.min(run.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS, run.timeoutMs);
  return [
    redoclyBin(),
    'respect',
    resolve(run.arazzoFile),
    '--server',
    `${run.sourceName ?? BEHAVIOUR_SOURCE_NAME}=${run.proxyUrl}`,
    '--input',
    JSON.stringify(run.inputs),
    '--json-output',
    reportFile,
    '--execution-timeout',
    String(run.timeoutMs),
    '--max-fetch-timeout',
    String(fetchTimeout),
    ...(run.workflowIds ?? []).flatMap((id) => ['--workflow', id]),
  ];
}

interface ChildExit {
  code: number | null;
  killed: boolean;
  /** The end of stdout and stderr, for a message. */
  output: string;
}

function runChild(
  args: string[],
  cwd: string,
  killAfterMs: number,
  signal: AbortSignal | undefined,
): Promise<ChildExit> {
  return new Promise((resolvePromise, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(process.execPath, args, {
      cwd,
      env: childEnv(cwd),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a kill reaches anything it started, and nothing else. That also
      // keeps the terminal's Ctrl-C from it: endWithThisProcess passes that on.
      detached: true,
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      killGroup(child.pid);
    }, killAfterMs);
    // The run stopped: no wait for Respect's own limits. The promise settles once it is gone.
    const stop = () => killGroup(child.pid);
    signal?.addEventListener('abort', stop, { once: true });
    const release = endWithThisProcess(stop);
    const settle = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', stop);
      release();
    };
    child.once('error', (error) => {
      settle();
      reject(new RespectError(`Respect could not start: ${error.message}. Run npm install.`));
    });
    child.once('close', (code) => {
      settle();
      if (signal?.aborted) reject(signal.reason);
      else resolvePromise({ code, killed, output });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Gone already.
  }
}

/** The child's environment: enough to run node, and Redocly's network features off. */
function childEnv(home: string): NodeJS.ProcessEnv {
  const passed = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'SYSTEMROOT'];
  return {
    ...Object.fromEntries(
      passed.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
    ),
    HOME: home,
    TMPDIR: home,
    NO_COLOR: '1',
    REDOCLY_TELEMETRY: 'off',
    REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
    REDOCLY_SUPPRESS_NOTIFICATIONS: 'true',
  };
}

async function readReport(file: string, exit: ChildExit): Promise<string> {
  const size = await stat(file).then(
    (info) => info.size,
    () => undefined,
  );
  if (size === undefined) {
    const why = exit.killed
      ? 'it did not finish within its --execution-timeout and was stopped'
      : `it exited with code ${exit.code} without writing its report`;
    throw new RespectError(
      `Respect gave no report: ${why}. Its last output:\n${exit.output.trim() || '(none)'}\n` +
        'Check the Arazzo file (npx redocly lint on it), the proxy URL and the timeout.',
    );
  }
  if (size > MAX_REPORT_BYTES) {
    throw new RespectError(
      `Respect's report is ${size} bytes, over the ${MAX_REPORT_BYTES} the runner reads: run fewer workflows at once.`,
    );
  }
  return readFile(file, 'utf8');
}
