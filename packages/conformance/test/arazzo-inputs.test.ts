/**
 * How the lane chooses the Arazzo workflows' trigger minutes, against a LaneApi written here: a
 * minute is free only when List lists the flow's instances of that minute and none is there. A
 * List that fails, is refused or answers another shape leaves the minute unknown, which counts
 * as taken: the next minute of the window is tried, and no more than the window's minutes.
 */
import { describe, expect, it } from 'vitest';
import type { LaneAnswer, LaneApi } from '../src/behaviour/api.js';
import { ARAZZO_INPUT_PROBES, arazzoInputs } from '../src/behaviour/arazzo.js';
import { FIELDS } from '../src/behaviour/contract.js';
import { FIRST_FREE_WINDOW, WINDOW_MINUTES, windowMinutes } from '../src/behaviour/minutes.js';
import { NoAnswerError } from '../src/http/limits.js';
import { firstTriggerTime } from '../src/plan/trigger-times.js';
import { RunStoppedError } from '../src/run/watchdog.js';

const FLOW = 3377;
const LANE_START = Date.UTC(2026, 0, 1, 10, 0, 0);

function listAnswer(http: number, code: number, data: unknown): LaneAnswer {
  const json = { code, msg: code === 0 ? 'OK' : 'refused', data };
  return {
    http,
    code,
    data,
    answer: { status: http, contentType: 'application/json', headers: {}, text: '', json },
  };
}
const emptyPage = () => listAnswer(200, 0, { [FIELDS.list.items]: [], [FIELDS.list.count]: 0 });

/** A LaneApi whose List answers `unknown` for the first `unknownFirst` minutes of each window. */
function api(unknownFirst: number, unknown: () => Promise<LaneAnswer>) {
  const asked: number[] = [];
  const lane: LaneApi = {
    trigger: () => Promise.reject(new Error('not here')),
    get: () => Promise.reject(new Error('not here')),
    cancel: () => Promise.reject(new Error('not here')),
    list: (body) => {
      const minute = body[FIELDS.list.from] as number;
      asked.push(minute);
      const index = Math.round((LANE_START - minute) / 60_000) % WINDOW_MINUTES;
      return index < unknownFirst ? unknown() : Promise.resolve(emptyPage());
    },
  };
  return { lane, asked };
}

const choose = (lane: LaneApi, signal?: AbortSignal) =>
  arazzoInputs({
    api: lane,
    flowId: FLOW,
    userId: 'u',
    orgId: 'o',
    laneStart: LANE_START,
    zoneOffset: 0,
    ...(signal === undefined ? {} : { signal }),
  });

describe('the Arazzo trigger minutes', () => {
  it.each<[string, () => Promise<LaneAnswer>]>([
    ['a List without an answer', () => Promise.reject(new NoAnswerError('list', 15_000))],
    ['a List refused', () => Promise.resolve(listAnswer(200, 62199, null))],
    ['a List answered with a server error', () => Promise.resolve(listAnswer(500, 0, null))],
    ['a List of another shape', () => Promise.resolve(listAnswer(200, 0, { rows: [] }))],
  ])('%s leaves the minute taken: the next one is used', async (_what, unknown) => {
    const { lane } = api(2, unknown);
    const given = await choose(lane);
    expect(given.inputs.triggerTime).toBe(
      firstTriggerTime(windowMinutes(LANE_START, FIRST_FREE_WINDOW)[2] as number),
    );
  });

  it('with no minute of a window free, uses its first, after one List per minute', async () => {
    const { lane, asked } = api(WINDOW_MINUTES, () =>
      Promise.reject(new NoAnswerError('list', 15_000)),
    );
    const given = await choose(lane);
    expect(given.inputs.triggerTime).toBe(
      firstTriggerTime(windowMinutes(LANE_START, FIRST_FREE_WINDOW)[0] as number),
    );
    expect(asked).toHaveLength(ARAZZO_INPUT_PROBES);
  });

  it("ends at once with the run's stop", async () => {
    const stop = new AbortController();
    const { lane, asked } = api(WINDOW_MINUTES, () => {
      stop.abort(new RunStoppedError('the test stopped the run'));
      return Promise.reject(stop.signal.reason);
    });
    await expect(choose(lane, stop.signal)).rejects.toBeInstanceOf(RunStoppedError);
    expect(asked).toHaveLength(1);
  });
});
