/**
 * The sandbox's time. Everything the service models (token lifetimes, trigger times, instance
 * states, fault windows, slow answers) reads this clock, so a test can drive time instead of
 * sleeping.
 */
export interface Clock {
  readonly kind: 'system' | 'manual';
  /** Epoch milliseconds. */
  now(): number;
  /** Run `fn` once the clock has reached `when`. Returns a function that cancels it. */
  at(when: number, fn: () => void): () => void;
}

/** A clock that moves only when told to. */
export interface ManualClock extends Clock {
  readonly kind: 'manual';
  /** Move forward by `ms` (>= 0), running every timer that falls due on the way, in order. */
  advance(ms: number): number;
  /** Move forward to `when` (never backward), running every timer that falls due. */
  set(when: number): number;
}

/** The host's clock, with real timers. */
export function systemClock(): Clock {
  return {
    kind: 'system',
    now: Date.now,
    at(when, fn) {
      const timer = setTimeout(fn, Math.max(0, when - Date.now()));
      return () => clearTimeout(timer);
    },
  };
}

interface Timer {
  when: number;
  order: number;
  fn: () => void;
}

/** A manual clock starting at `start` (default: the host's time now). */
export function manualClock(start: number = Date.now()): ManualClock {
  assertTime(start, 'start');
  let current = start;
  let order = 0;
  let timers: Timer[] = [];

  function nextDue(until: number): Timer | undefined {
    let due: Timer | undefined;
    for (const t of timers) {
      if (t.when > until) continue;
      if (!due || t.when < due.when || (t.when === due.when && t.order < due.order)) due = t;
    }
    return due;
  }

  function moveTo(target: number): number {
    // A timer may schedule another one that is also due before `target`: look again each time.
    for (let due = nextDue(target); due; due = nextDue(target)) {
      const fired = due;
      timers = timers.filter((t) => t !== fired);
      current = Math.max(current, fired.when);
      fired.fn();
    }
    current = target;
    return current;
  }

  return {
    kind: 'manual',
    now: () => current,
    at(when, fn) {
      const timer = { when, order: order++, fn };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    advance(ms) {
      if (!Number.isSafeInteger(ms) || ms < 0) {
        throw new RangeError(`Cannot advance the clock by ${ms} ms: give a whole number >= 0.`);
      }
      const target = current + ms;
      assertTime(target, 'time');
      return moveTo(target);
    },
    set(when) {
      assertTime(when, 'time');
      if (when < current) {
        throw new RangeError(
          `Cannot set the clock back from ${current} to ${when}: a manual clock only moves forward. Reset the sandbox to start again.`,
        );
      }
      return moveTo(when);
    },
  };
}

/** The largest distance from the epoch a JavaScript Date can hold, in ms. */
const DATE_RANGE = 8.64e15;

function assertTime(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || Math.abs(value) > DATE_RANGE) {
    throw new RangeError(
      `The clock's ${what} must be whole epoch milliseconds within a Date's range (±${DATE_RANGE}).`,
    );
  }
}
