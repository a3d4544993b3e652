/**
 * Many triggers at once, over HTTP, across flows, with duplicates and with the clock moving
 * underneath: never two RUNNING instances of one flow, no accepted trigger lost, none doubled.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultFixtures,
  type FlowView,
  manualClock,
  type Sandbox,
  startSandbox,
} from '../src/index.js';
import { triggerError } from './support/contract.js';
import { envelope, getToken, trigger } from './support/enos.js';
import { send } from './support/http.js';

const START = Date.UTC(2024, 5, 1, 0, 0, 0);
const MINUTE = 60_000;
const FLOWS = Array.from({ length: 8 }, (_, i) => 100 + i);
let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({
    port: 0,
    clock: manualClock(START),
    fixtures: {
      ...defaultFixtures,
      flows: FLOWS.map((flowId) => ({
        flowId,
        owner: 'sandbox-user',
        hasTasks: true,
        runMs: 45_000,
      })),
    },
  });
  token = await getToken(sandbox.url);
});
afterAll(() => sandbox.close());

async function snapshot(): Promise<FlowView[]> {
  const res = await send(sandbox.url, { method: 'GET', path: '/__sandbox/flows' });
  return (res.json as { flows: FlowView[] }).flows;
}

function runningPerFlow(flows: FlowView[]): number[] {
  return flows.map((f) => f.instances.filter((i) => i.status === 'RUNNING').length);
}

describe('concurrent triggers', () => {
  it('keep one RUNNING per flow and lose or double nothing', async () => {
    // 8 flows x 20 minutes (past and future), each minute sent 2-3 times with other seconds.
    const calls: { flowId: number; time: number }[] = [];
    for (const flowId of FLOWS) {
      for (let m = -10; m < 10; m++) {
        const copies = 2 + ((flowId + m) & 1);
        for (let c = 0; c < copies; c++)
          calls.push({ flowId, time: START + m * MINUTE + c * 7_000 });
      }
    }
    const snapshots: Promise<FlowView[]>[] = [];
    const advances: Promise<unknown>[] = [];
    const answers = await Promise.all(
      calls.map(async (call, n) => {
        if (n % 25 === 0) {
          advances.push(
            send(sandbox.url, {
              path: '/__sandbox/clock/advance',
              headers: { 'content-type': 'application/json' },
              body: '{"ms":20000}',
            }),
          );
          snapshots.push(snapshot());
        }
        const res = await trigger(sandbox.url, token, call.flowId, call.time);
        return { call, res };
      }),
    );
    await Promise.all(advances);

    const accepted = new Map<number, string[]>();
    for (const { call, res } of answers) {
      const body = envelope(res);
      if (body.code === 0) {
        const id = (body.data as { flowInstanceId: string }).flowInstanceId;
        accepted.set(call.flowId, [...(accepted.get(call.flowId) ?? []), id]);
      } else {
        expect(res.json).toEqual(triggerError('cannotCreateInstance'));
      }
    }
    // Exactly one acceptance per flow and minute.
    for (const flowId of FLOWS) {
      const ids = accepted.get(flowId) ?? [];
      expect(ids.length).toBe(20);
      expect(new Set(ids).size).toBe(20);
    }

    for (const flows of [...(await Promise.all(snapshots)), await snapshot()]) {
      expect(runningPerFlow(flows).every((n) => n <= 1)).toBe(true);
    }
    const final = await snapshot();
    for (const flow of final) {
      const listed = flow.instances.map((i) => i.flowInstanceId);
      expect(listed.length).toBe(new Set(listed).size);
      expect([...listed].sort()).toEqual([...(accepted.get(flow.flowId) ?? [])].sort());
    }

    // Let everything run: each flow's runs never overlap, and all end.
    sandbox.advanceClock(24 * 60 * MINUTE);
    for (const flow of await snapshot()) {
      const runs = flow.instances
        .map((i) => [i.startedAt as number, i.endedAt as number])
        .sort((a, b) => (a[0] as number) - (b[0] as number));
      expect(flow.instances.every((i) => i.status === 'SUCCESS')).toBe(true);
      runs.forEach(([start], n) => {
        if (n > 0) expect(start).toBeGreaterThanOrEqual(runs[n - 1]?.[1] as number);
      });
    }
  }, 30_000);
});
