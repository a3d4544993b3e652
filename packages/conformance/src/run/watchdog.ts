/**
 * What stops a run before its end: its overall deadline (--deadline), or a server that stopped
 * answering (--max-timeouts requests in a row, in this process or in the Dredd worker, got no
 * answer within --request-timeout). A gateway that accepts connections and never answers would
 * otherwise cost the per-request time limit for every request of the run (26.5 minutes once).
 *
 * When it stops the run, its signal aborts with a RunStoppedError whose message says why: every
 * request in flight rejects with it, the Dredd worker is ended, and the run reports what it
 * checked until then, with that reason as its verdict.
 */
import type { Attempt } from '../http/limits.js';

export class RunStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunStoppedError';
  }
}

export interface WatchdogOptions {
  deadlineMs: number;
  maxTimeouts: number;
  requestTimeoutMs: number;
}

export class Watchdog {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private timeoutsInARow = 0;
  /** What the run is doing, for the deadline's message. */
  phase = 'starting';

  constructor(private readonly options: WatchdogOptions) {
    this.timer = setTimeout(() => {
      this.stop(
        `the run's deadline of ${options.deadlineMs / 1000} s (--deadline) passed during ` +
          `"${this.phase}": the server answered too slowly for the run to finish. For a slow ` +
          'gateway, or a large --negative-runs, give a longer --deadline',
      );
    }, options.deadlineMs);
  }

  /** Aborted, with a RunStoppedError as its reason, when the run stops. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Why the run stopped, or undefined. */
  get stopped(): string | undefined {
    return this.signal.aborted ? (this.signal.reason as Error).message : undefined;
  }

  /** Count a request: an answer in time resets the count of timeouts in a row. */
  readonly attempt = (attempt: Attempt): void => {
    if (!attempt.timedOut) {
      this.timeoutsInARow = 0;
      return;
    }
    this.timeoutsInARow += 1;
    const { maxTimeouts, requestTimeoutMs } = this.options;
    if (this.timeoutsInARow >= maxTimeouts) {
      this.stop(
        `the server stopped answering: ${this.timeoutsInARow} request${this.timeoutsInARow > 1 ? 's' : ''} in a row ` +
          `got no answer within ${requestTimeoutMs / 1000} s (--request-timeout), the last ${attempt.what}; ` +
          `the run stops after ${maxTimeouts} (--max-timeouts). Check that the gateway and the ` +
          'service behind it are up',
      );
    }
  };

  stop(message: string): void {
    if (!this.signal.aborted) this.controller.abort(new RunStoppedError(message));
    clearTimeout(this.timer);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
