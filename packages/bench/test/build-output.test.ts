/** The build figure reads turbo's own account of each run: what was cached, what ran again. */
import { describe, expect, it } from 'vitest';
import { cachedTasks } from '../src/figures/build.js';

const FULL_HIT = `@enos-trigger/spec:build: cache hit, replaying logs 51e6a3a1b5b7a1c2
@enos-trigger/bench:build: cache hit, replaying logs 458e929caabb76ec

 Tasks:    2 successful, 2 total
Cached:    2 cached, 2 total
  Time:    45ms >>> FULL TURBO
`;

const ONE_MISS = `@enos-trigger/spec:build: cache hit, replaying logs 51e6a3a1b5b7a1c2
\u001b[2m@enos-trigger/bench:build: \u001b[0mcache miss, executing 458e929caabb76ec

 Tasks:    2 successful, 2 total
\u001b[1mCached:    1 cached, 2 total\u001b[0m
  Time:    4.1s
`;

describe('cachedTasks', () => {
  it('reads a full cache hit', () => {
    expect(cachedTasks(FULL_HIT)).toEqual({ cached: 2, total: 2, missed: [] });
  });

  it('names the task that ran again, through turbo colours', () => {
    expect(cachedTasks(ONE_MISS)).toEqual({
      cached: 1,
      total: 2,
      missed: ['@enos-trigger/bench:build'],
    });
  });

  it('gives nothing for output without the closing summary (a crashed turbo)', () => {
    expect(cachedTasks('x  ERROR  run failed: command exited (1)')).toBeUndefined();
  });
});
