/**
 * Waiting under an AbortSignal. A call's deadline (see `deadline`) is merged with the
 * caller's signal by `AbortSignal.any` (Node ≥20.3, current browsers and edge runtimes).
 */

/**
 * Settle with `promise`, or reject as soon as `signal` aborts: one waiter gives up on shared
 * work (the token request) without cancelling it for the others.
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.aborted ? stop() : signal.addEventListener('abort', stop);
    // A long-lived signal (an application's) must not collect one listener per call.
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Wait `ms`, or reject as soon as `signal` aborts; the timer goes with it. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return untilAborted(
    new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
    signal,
  ).finally(() => clearTimeout(timer));
}
