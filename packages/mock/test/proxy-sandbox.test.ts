/**
 * The validation proxy in front of the sandbox, a server that follows the contract: clean,
 * signed traffic (successes and documented errors alike) passes with no violation.
 */
import { type PrismServer, startProxy } from '@enos-trigger/mock';
import { defaultFixtures, type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, violations } from './support/requests.js';
import { accessToken, signedCall, signedTrigger, tokenRequest } from './support/signed-requests.js';

let sandbox: Sandbox;
let proxy: PrismServer;
const prismLog: string[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  proxy = await startProxy({
    upstream: sandbox.url,
    port: 0,
    onLog: (line) => prismLog.push(line),
  });
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

const [app] = defaultFixtures.apps;
if (!app) throw new Error('the sandbox has no default app');
const userOf = (userId: string) => defaultFixtures.users.find((user) => user.userId === userId);
const runnable = defaultFixtures.flows.find(
  (flow) => flow.hasTasks && !flow.locked && !userOf(flow.owner)?.locked,
);
const withoutTask = defaultFixtures.flows.find((flow) => !flow.hasTasks);

/**
 * A different past minute for every trigger: a workflow takes one trigger per minute of
 * trigger time, and each test here must be answered on its own merits.
 */
let minutesAgo = 0;
/** Counted from when the file started: read from the clock at each call, a minute's wait made two alike. */
const STARTED = Date.now();
const nextTriggerTime = () => STARTED - ++minutesAgo * 60_000;

function triggerOf(flow: { flowId: number; owner: string } | undefined, format = JSON.stringify) {
  if (!flow) throw new Error('the sandbox fixtures lack a flow this test needs');
  const user = userOf(flow.owner);
  if (!user) throw new Error(`the sandbox fixtures lack the owner of flow ${flow.flowId}`);
  const body = format({ flowId: flow.flowId, triggerTime: nextTriggerTime() });
  return { userId: user.userId, orgId: user.orgId, body };
}

describe('clean traffic through the proxy to the sandbox passes', () => {
  it('a token request', async () => {
    const answer = await send(proxy.url, tokenRequest(app));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ status: 0 });
    expect(violations(answer)).toEqual([]);
  });

  it('a signed trigger, answered with a new instance', async () => {
    const token = await accessToken(proxy.url, app);
    const answer = await send(proxy.url, signedTrigger(app, token, triggerOf(runnable)));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      code: 0,
      data: { flowInstanceId: expect.stringMatching(new RegExp(`^${runnable?.flowId}-`)) },
    });
    expect(violations(answer)).toEqual([]);
  });

  it('a business error (a workflow without a task)', async () => {
    const token = await accessToken(proxy.url, app);
    const answer = await send(proxy.url, signedTrigger(app, token, triggerOf(withoutTask)));
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ code: expect.any(Number), data: null });
    expect((answer.json as { code: number }).code).not.toBe(0);
    expect(violations(answer)).toEqual([]);
  });

  it('a gateway error (a wrong signature)', async () => {
    const token = await accessToken(proxy.url, app);
    const request = signedTrigger(app, token, triggerOf(runnable));
    const answer = await send(proxy.url, {
      ...request,
      headers: { ...request.headers, 'apim-signature': '0'.repeat(64) },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).not.toBe('application/problem+json');
    expect(violations(answer)).toEqual([]);
  });

  it('writes neither the app secret nor the access token to its log', async () => {
    const token = await accessToken(proxy.url, app);
    await send(proxy.url, signedTrigger(app, token, triggerOf(runnable)));
    expect(prismLog.length).toBeGreaterThan(0);
    for (const line of prismLog) {
      expect(line).not.toContain(app.appSecret);
      expect(line).not.toContain(token);
    }
  });
});

describe('the instance operations through the proxy, which share one path', () => {
  it("a run's Get, List and Cancel, each answered by the sandbox and clean", async () => {
    const token = await accessToken(proxy.url, app);
    const trigger = triggerOf(runnable);
    const triggered = await send(proxy.url, signedTrigger(app, token, trigger));
    const { flowInstanceId } = (triggered.json as { data: { flowInstanceId: string } }).data;
    const as = { userId: trigger.userId, orgId: trigger.orgId };
    const calls = [
      signedCall(app, token, 'getFlowInstance', { query: { ...as, flowInstId: flowInstanceId } }),
      signedCall(app, token, 'listFlowInstances', {
        query: as,
        body: { pagination: { pageNo: 1, pageSize: 100 } },
      }),
      signedCall(app, token, 'cancelFlowInstance', {
        query: as,
        body: { flowInstId: flowInstanceId },
      }),
    ];
    const answers = [];
    for (const call of calls) answers.push(await send(proxy.url, call));
    for (const answer of answers) {
      expect(answer.status, answer.text).toBe(200);
      expect(violations(answer), answer.text).toEqual([]);
    }
    const [got, listed, cancelled] = answers.map((answer) => answer.json) as [
      { data: { instanceId: string } },
      { data: { flowInsts: { instanceId: string }[] } },
      { code: number },
    ];
    expect(got.data.instanceId).toBe(flowInstanceId);
    expect(listed.data.flowInsts.map((instance) => instance.instanceId)).toContain(flowInstanceId);
    expect(cancelled.code).toBe(0);
  });
});

describe('signing through the proxy', () => {
  it('breaks for a body that is not compact JSON: Prism re-serialises it', async () => {
    const spaced = (value: unknown) => JSON.stringify(value, null, 2);
    const token = await accessToken(sandbox.url, app);
    const direct = await send(sandbox.url, signedTrigger(app, token, triggerOf(runnable, spaced)));
    const proxied = await send(proxy.url, signedTrigger(app, token, triggerOf(runnable, spaced)));
    expect(direct.status).toBe(200);
    expect(proxied.status).toBe(401);
  });
});
