/**
 * Cleanup's accounting, against a LaneApi written here: what it cancels, the one instance it
 * takes per Arazzo trigger time (so it keeps the budget it announces whatever a server lists),
 * and, when a request gets no answer, a hint naming what is left: the instances it had not
 * dealt with and the minutes the Arazzo workflows triggered in.
 */
import { describe, expect, it } from 'vitest';
import type { LaneAnswer, LaneApi } from '../src/behaviour/api.js';
import { cleanUp, cleanupMaxRequests } from '../src/behaviour/cleanup.js';
import { FIELDS, laneContract } from '../src/behaviour/contract.js';
import { emptyRecord, LABELS, type LaneRecord } from '../src/behaviour/record.js';
import { contractView } from '../src/contract/view.js';
import { NoAnswerError } from '../src/http/limits.js';
import { isoMinute } from '../src/plan/trigger-times.js';

const contract = laneContract(contractView());
const FLOW = 3377;
const WAIT = contract.statuses.code.waiting;
const ARAZZO_TIMES = [Date.UTC(2026, 0, 1, 9, 0, 37), Date.UTC(2026, 0, 1, 9, 6, 37)];

function answer(data: unknown): LaneAnswer {
  const json = { code: 0, msg: 'OK', data };
  return {
    http: 200,
    code: 0,
    data,
    answer: {
      status: 200,
      contentType: 'application/json',
      headers: {},
      text: JSON.stringify(json),
      json,
    },
  };
}

function laneRecord(): LaneRecord {
  const record = emptyRecord(FLOW);
  for (const label of LABELS) {
    record.triggers[label] = {
      label,
      flowId: FLOW,
      triggerTime: 0,
      instanceId: `lane-${label}`,
      taken: [],
      at: 0,
    };
  }
  return record;
}

/**
 * Every instance waits; List lists `perTime` waiting instances of the flow at each time; the
 * `silentFrom`-th request (1-based) and every later one get no answer.
 */
function api(options: { perTime: number; silentFrom?: number }) {
  const sent: string[] = [];
  const cancelled: string[] = [];
  const call = async (what: string, result: () => LaneAnswer): Promise<LaneAnswer> => {
    sent.push(what);
    if (options.silentFrom !== undefined && sent.length >= options.silentFrom) {
      throw new NoAnswerError(what, 15_000);
    }
    return result();
  };
  const lane: LaneApi = {
    trigger: () => Promise.reject(new Error('cleanup never triggers')),
    list: (body) =>
      call('list', () => {
        const time = body[FIELDS.list.from] as number;
        return answer({
          [FIELDS.list.items]: Array.from({ length: options.perTime }, (_, i) => ({
            [FIELDS.instance.id]: `arazzo-${time}-${i}`,
            [FIELDS.instance.flowId]: FLOW,
            [FIELDS.instance.status]: WAIT,
          })),
          [FIELDS.list.count]: options.perTime,
        });
      }),
    get: (id) =>
      call(`get ${id}`, () => answer({ [FIELDS.instance.id]: id, [FIELDS.instance.status]: WAIT })),
    cancel: (id) =>
      call(`cancel ${id}`, () => {
        cancelled.push(id);
        return answer('');
      }),
  };
  return { lane, sent, cancelled };
}

const run = (lane: LaneApi, respectTriggerTimes = ARAZZO_TIMES) =>
  cleanUp({ api: lane, contract, record: laneRecord(), respectTriggerTimes, redact: (t) => t });

describe('cleanup', () => {
  it('cancels one instance per Arazzo trigger time, whatever List gives, within its budget', async () => {
    const { lane, sent, cancelled } = api({ perTime: 10 });
    const row = await run(lane);
    expect(row.violations).toEqual([]);
    expect(cancelled).toEqual([
      ...LABELS.map((l) => `lane-${l}`),
      `arazzo-${ARAZZO_TIMES[0]}-0`,
      `arazzo-${ARAZZO_TIMES[1]}-0`,
    ]);
    expect(sent.length).toBe(cleanupMaxRequests(ARAZZO_TIMES.length));
  });

  it('stopped by no answer, names the instances left and the Arazzo minutes to look in', async () => {
    // The 2 Lists answer, then the Get and Cancel of A; the Get of B gets no answer.
    const { lane, cancelled } = api({ perTime: 1, silentFrom: 5 });
    const row = await run(lane);
    expect(cancelled).toEqual(['lane-A']);
    expect(row.violations).toEqual([
      {
        evidence: 'documented',
        message: expect.stringMatching(
          /^cleanup stopped: no answer: get lane-B got no complete answer within 15 s/,
        ),
      },
    ]);
    const left = ['lane-B', 'lane-C', 'lane-D', ...ARAZZO_TIMES.map((t) => `arazzo-${t}-0`)];
    expect(row.hint).toContain(`Cancel these instances of flow ${FLOW} yourself`);
    expect(row.hint).toContain(`: ${left.join(', ')}.`);
    expect(row.hint).not.toContain('lane-A');
    expect(row.hint).toContain(
      `the Arazzo workflows triggered flow ${FLOW} in the minutes ${ARAZZO_TIMES.map(isoMinute).join(', ')}`,
    );
  });

  it('stopped at its first List, still names every lane instance and the Arazzo minutes', async () => {
    const { lane } = api({ perTime: 1, silentFrom: 1 });
    const row = await run(lane);
    expect(row.hint).toContain(`: ${LABELS.map((l) => `lane-${l}`).join(', ')}.`);
    expect(row.hint).toContain(isoMinute(ARAZZO_TIMES[1] as number));
  });

  it('without Arazzo workflows, names no minutes', async () => {
    const { lane } = api({ perTime: 1, silentFrom: 1 });
    const row = await run(lane, []);
    expect(row.hint).not.toContain('Arazzo');
  });
});
