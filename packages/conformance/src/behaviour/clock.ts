/**
 * The lane's time. Against a deployment it is the real one: a wait sleeps between polls. Against
 * the bundled sandbox, whose clock is manual, a wait moves the sandbox's clock forward instead
 * (it runs in this process and is moved directly), so the lane proves the same rules in sandbox
 * time without sleeping: a flow that runs 30 s there takes no 30 s here. Either way, every wait
 * is measured in this clock.
 */

export interface LaneClock {
  /** `real`: waits sleep; `sandbox`: waits move the bundled sandbox's clock. */
  readonly kind: 'real' | 'sandbox';
  /** Lane time: ms since the lane started. */
  now(): number;
  /** Let `ms` pass. Rejects with the signal's reason when the run stops. */
  pass(ms: number): Promise<void>;
}

export function realClock(signal?: AbortSignal): LaneClock {
  const started = performance.now();
  return {
    kind: 'real',
    now: () => performance.now() - started,
    pass: (ms) => sleep(ms, signal),
  };
}

/** A clock that moves only when the lane moves it, through `advance` (the sandbox's). */
export function sandboxClock(advance: (ms: number) => Promise<void>): LaneClock {
  let elapsed = 0;
  return {
    kind: 'sandbox',
    now: () => elapsed,
    pass: async (ms) => {
      await advance(ms);
      elapsed += ms;
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const stop = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      resolve();
    }, ms);
    signal?.addEventListener('abort', stop, { once: true });
  });
}
