/**
 * A wait's own options (timeoutMs, intervalMs, maxIntervalMs) are checked before anything is
 * sent: an interval of 0, below 0 or NaN would poll the gateway back-to-back for the whole
 * wait, and a time limit above a timer's 2147483647 ms would end the wait at once. The fetch
 * here records each request and answers none: a wrong option must send nothing, a trigger
 * included.
 */
import { describe, expect, it } from 'vitest';
import {
  createSession,
  createTriggerFlowClient,
  triggerFlowAndWait,
  waitForFlowInstance,
} from '../src/index.js';

const OPTIONS = ['timeoutMs', 'intervalMs', 'maxIntervalMs'] as const;
/** Each with how the message shows it. */
const WRONG: [unknown, string][] = [
  [0, '0'],
  [-1, '-1'],
  [0.5, '0.5'],
  [Number.NaN, 'NaN'],
  [Number.POSITIVE_INFINITY, 'Infinity'],
  [2 ** 31, '2147483648'],
  ['1000', '"1000"'],
  [null, 'null'],
];

/** A session and a client whose fetch records each request, answers none, and aborts `stop`. */
function recorded() {
  const sent: string[] = [];
  const stop = new AbortController();
  const app = {
    baseUrl: 'http://127.0.0.1:9',
    appKey: 'key',
    appSecret: 'secret',
    userId: 'user',
    orgId: 'org',
    fetch: async (request: Request): Promise<Response> => {
      sent.push(request.url);
      stop.abort();
      throw new TypeError('this test sends nothing');
    },
  };
  return { sent, stop, session: createSession(app), client: createTriggerFlowClient(app) };
}

describe("a wait's options", () => {
  it.each(OPTIONS)(
    'refuse a %s that is not ms from 1 to 2147483647, sending nothing',
    async (name) => {
      const { sent, session } = recorded();
      for (const [value, shown] of WRONG) {
        const result = await waitForFlowInstance(session, '3377-20191122012300', { [name]: value });
        expect(result).toEqual({
          ok: false,
          error: {
            kind: 'invalid-argument',
            argument: name,
            message: `${name} is ${shown}: give ms from 1 to 2147483647.`,
          },
        });
      }
      expect(sent).toEqual([]);
    },
  );

  it('take the ends of the range, and an option left out for its default', async () => {
    // Past the check, the wait asks for a token: the fetch ends it there, by the signal.
    const ends = [
      { timeoutMs: 2 ** 31 - 1, intervalMs: 1, maxIntervalMs: 1 },
      { intervalMs: 2 ** 31 - 1, maxIntervalMs: 2 ** 31 - 1 },
      { timeoutMs: undefined, intervalMs: undefined, maxIntervalMs: undefined },
    ];
    for (const options of ends) {
      const { sent, stop, session } = recorded();
      const result = await waitForFlowInstance(session, '3377-20191122012300', {
        ...options,
        signal: stop.signal,
      });
      expect(result).toMatchObject({ ok: false, error: { kind: 'aborted' } });
      expect(sent).toHaveLength(1);
    }
    // The shortest limit ends the wait by itself.
    const { session } = recorded();
    expect(
      await waitForFlowInstance(session, '3377-20191122012300', { timeoutMs: 1 }),
    ).toMatchObject({ ok: false, error: { kind: 'timeout', timeoutMs: 1 } });
  });

  it.each([
    [
      'triggerFlowAndWait',
      (s: ReturnType<typeof recorded>, wait: object) =>
        triggerFlowAndWait(s.session, { flowId: 3377 }, wait),
    ],
    [
      'the client’s triggerFlowAndWait',
      (s: ReturnType<typeof recorded>, wait: object) =>
        s.client.triggerFlowAndWait({ flowId: 3377 }, wait),
    ],
  ])('are checked by %s before the trigger: nothing started', async (_, run) => {
    const s = recorded();
    for (const name of OPTIONS) {
      const result = await run(s, { [name]: 0 });
      expect(result).toEqual({
        ok: false,
        error: {
          kind: 'invalid-argument',
          argument: name,
          message: `${name} is 0: give ms from 1 to 2147483647. Nothing was started.`,
          mayHaveTriggered: false,
        },
      });
    }
    expect(s.sent).toEqual([]);
  });
});
