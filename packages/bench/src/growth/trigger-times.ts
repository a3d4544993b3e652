/**
 * The trigger times of the instances a growth figure makes: one per minute (the sandbox takes
 * one trigger of a workflow per minute), going back from the minute before `latestMinute`, handed
 * out in a shuffled order. Shuffled because in order they would come out of the sandbox already
 * sorted, and a sort of sorted input costs next to nothing: the list figure would then not see
 * the sort it is there to watch. Seeded, so that every run and both counts shuffle alike.
 */
const MINUTE_MS = 60_000;
const SEED = 0x5eed;

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TriggerTimes {
  /** Epoch ms, each a whole minute, each once, in the order to send them. */
  times: number[];
  /** The earliest and the latest of them. */
  from: number;
  to: number;
}

export function shuffledTriggerTimes(count: number, latestMinute: number): TriggerTimes {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`A fill takes a whole count of instances ≥ 1, not ${count}.`);
  }
  const minute = Math.floor(latestMinute / MINUTE_MS) * MINUTE_MS;
  const times = Array.from({ length: count }, (_, index) => minute - (index + 1) * MINUTE_MS);
  const random = seededRandom(SEED);
  for (let index = count - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [times[index], times[other]] = [times[other] as number, times[index] as number];
  }
  return { times, from: minute - count * MINUTE_MS, to: minute - MINUTE_MS };
}
