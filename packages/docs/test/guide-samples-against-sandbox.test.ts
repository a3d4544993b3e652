/**
 * The guide's samples, run as a reader runs them, against the sandbox with its default
 * fixtures and a manual clock: the test moves the clock (or cancels the instance) once the
 * sample has read a status that is not final, and the sample must read on until the status is
 * final, say how the run ended, and exit accordingly.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTriggerFlowClient } from '@enos-trigger/client';
import { defaultFixtures, type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import {
  findOperation,
  flowInstanceStatuses,
  gatewayErrors,
  type OperationId,
} from '@enos-trigger/spec';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guideSampleFiles } from '../src/guide.js';
import { paths } from '../src/paths.js';
import { type HoldingGateway, startHoldingGateway } from './holding-gateway.js';
import { type RunningSample, startSample } from './running-sample.js';

const WRONG_SECRET = 'not-the-sandbox-secret';
const MINUTE = 60_000;
const finalStatuses = new Set(
  flowInstanceStatuses()
    .filter((status) => status.terminal)
    .map((status) => status.name),
);
/** The flow the samples trigger: the contract's request example. */
const requestExample = findOperation('triggerFlow').operation.requestBody?.content[
  'application/json'
]?.example as { flowId: number } | undefined;
if (!requestExample) throw new Error("The contract's triggerFlow has no request example.");
const { flowId } = requestExample;
const samples = guideSampleFiles.map(({ label, file }) => [label, join(paths.samples, file)]);
/** The curl sample reads every second here, rather than every 5 s. */
const QUICK_POLLS = { ENOS_POLL_SECONDS: '1' };

/** How the test ends the run the sample waits for, and what the sample must then say. */
const outcomes: [string, (sandbox: Sandbox, instanceId: string) => Promise<void>, number][] = [
  ['ran to its end', async (sandbox) => void sandbox.advanceClock(runMsOf(sandbox) + MINUTE), 0],
  [
    'was cancelled',
    async (sandbox, instanceId) => {
      const client = createTriggerFlowClient({
        baseUrl: sandbox.url,
        appKey: 'sandbox-app-key',
        appSecret: 'sandbox-app-secret',
        userId: 'sandbox-user',
        orgId: 'sandbox-org',
      });
      expect((await client.cancelFlowInstance(instanceId)).ok).toBe(true);
    },
    2,
  ],
];

function runMsOf(sandbox: Sandbox): number {
  const flow = sandbox.flow(flowId);
  if (!flow) throw new Error(`The sandbox has no flow ${flowId}.`);
  return flow.runMs;
}

/** The sandbox's view of the one instance of the flow. */
function instanceIn(sandbox: Sandbox) {
  const [instance, ...more] = sandbox.flow(flowId)?.instances ?? [];
  expect(more).toEqual([]);
  if (!instance) throw new Error(`No instance of flow ${flowId} in the sandbox.`);
  return instance;
}

describe.each(samples)("the guide's %s sample, run against the sandbox", (_label, file) => {
  let sandbox: Sandbox;
  let run: RunningSample | undefined;
  const start = (env: Record<string, string> = {}) => {
    run = startSample(file as string, { ENOS_BASE_URL: sandbox.url, ...QUICK_POLLS, ...env });
    return run;
  };
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, clock: 'manual' });
  });
  afterEach(async () => {
    run?.stop();
    run = undefined;
    await sandbox.close();
  });

  it.each(outcomes)(
    'reads the instance until it %s, then says how it ended',
    async (_how, end, exitCode) => {
      const running = start();
      // The run cannot end while the sandbox's clock stands still: the first status read is not final.
      const [, first] = await running.line(/^status: (\w+)$/);
      expect(finalStatuses.has(first as string), `first status ${first}`).toBe(false);
      expect(instanceIn(sandbox).status).toBe(first);

      await end(sandbox, instanceIn(sandbox).flowInstanceId);
      const { flowInstanceId, status: ended } = instanceIn(sandbox);
      expect(finalStatuses.has(ended), `the sandbox's ${ended}`).toBe(true);
      expect(await running.exited, running.stderr()).toBe(exitCode);
      expect(running.stdout()).toBe(
        `status: ${first}\nstatus: ${ended}\n${flowInstanceId} ended ${ended}.\n`,
      );
      expect(running.stderr()).toBe('');
    },
    60_000,
  );

  it('says that a failed run failed, with its own exit code', async () => {
    sandbox.seed({
      ...defaultFixtures,
      flows: defaultFixtures.flows.map((flow) =>
        flow.flowId === flowId ? { ...flow, result: 'FAIL' as const } : flow,
      ),
    });
    const running = start();
    await running.line(/^status: /);
    sandbox.advanceClock(runMsOf(sandbox) + MINUTE);
    const { flowInstanceId, status } = instanceIn(sandbox);
    expect(status).toBe(sandbox.flow(flowId)?.result);
    expect(await running.exited, running.stderr()).toBe(2);
    expect(running.stdout()).toContain(`\n${flowInstanceId} ended ${status}.\n`);
  }, 60_000);

  it('reads on through a gateway answer, and still sees the run end', async () => {
    const unavailable = gatewayErrors('getFlowInstance').find((error) => error.status === 503);
    expect(unavailable).toBeDefined();
    sandbox.injectFault({ type: 'unavailable', operation: 'getFlowInstance', count: 1 });
    const running = start();
    await running.line(/^status: /);
    expect(sandbox.faults()).toEqual([]);
    sandbox.advanceClock(runMsOf(sandbox) + MINUTE);
    expect(await running.exited, running.stderr()).toBe(0);
    expect(running.stdout()).toContain(`${instanceIn(sandbox).flowInstanceId} ended`);
  }, 60_000);

  it('starts nothing and says why, without the secret, when the secret is wrong', async () => {
    const running = start({ ENOS_APP_SECRET: WRONG_SECRET });
    expect(await running.exited).toBe(1);
    expect(running.stderr()).not.toBe('');
    expect(`${running.stdout()}${running.stderr()}`).not.toContain(WRONG_SECRET);
    expect(sandbox.flow(flowId)?.instances).toEqual([]);
  }, 60_000);
});

describe("the guide's curl sample", () => {
  const curl = samples.find(([label]) => label === 'curl')?.[1] as string;
  const unauthorized = gatewayErrors('getFlowInstance').find((error) => error.status === 401);
  const dir = mkdtempSync(join(tmpdir(), 'enos-docs-guide-curl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let sandbox: Sandbox;
  let gateway: HoldingGateway | undefined;
  let run: RunningSample | undefined;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0, clock: 'manual' });
  });
  afterEach(async () => {
    run?.stop();
    await gateway?.close();
    gateway = undefined;
    await sandbox.close();
  });
  /** Through a gateway that never answers `operationId`; each curl gives up after 1 s. */
  const holding = async (operationId: OperationId) => {
    gateway = await startHoldingGateway(sandbox.url, [operationId]);
    return { ENOS_BASE_URL: gateway.url, ENOS_MAX_TIME: '1', ...QUICK_POLLS, ENOS_MAX_TRIES: '2' };
  };

  it('ends the wait at a 401 on a read, the token expired: the run started, and no read again', async () => {
    expect(unauthorized).toBeDefined();
    sandbox.seed({
      ...defaultFixtures,
      apps: defaultFixtures.apps.map((app) => ({ ...app, tokenLifetimeSeconds: 60 })),
    });
    run = startSample(curl, { ENOS_BASE_URL: sandbox.url, ...QUICK_POLLS, ENOS_MAX_TRIES: '5' });
    const [, first] = await run.line(/^status: (\w+)$/);
    sandbox.advanceClock(61_000);
    expect(await run.exited).toBe(3);
    const { flowInstanceId } = instanceIn(sandbox);
    expect(run.stdout()).toBe(`status: ${first}\n`);
    expect(run.stderr()).toBe(
      `${flowInstanceId} started, but Get Flow Instance refused the token (HTTP 401): ` +
        `{"message":"${unauthorized?.message}"}. Read it again with a new token; do not trigger again.\n`,
    );
  }, 60_000);

  it('starts nothing at a 401 on the trigger: exit 1', async () => {
    const source = readFileSync(curl, 'utf8');
    const unsigned = source.replace(
      /^SORTED_QUERY="actiontrigger.*$/m,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not JavaScript.
      'SORTED_QUERY="userId${USER_ID}orgId${ORG_ID}actiontrigger"',
    );
    expect(unsigned).not.toBe(source);
    const script = join(dir, 'unsorted-trigger-query.sh');
    writeFileSync(script, unsigned);
    run = startSample(script, { ENOS_BASE_URL: sandbox.url, ...QUICK_POLLS });
    expect(await run.exited).toBe(1);
    const refused = gatewayErrors('triggerFlow').find((error) => error.status === 401);
    expect(run.stderr()).toContain(
      `Nothing was triggered; Trigger Flow answered: {"message":"${refused?.message}"}`,
    );
    expect(sandbox.flow(flowId)?.instances).toEqual([]);
  }, 60_000);

  it('starts nothing when the token request gets no answer in ENOS_MAX_TIME: exit 1', async () => {
    run = startSample(curl, await holding('getAccessToken'));
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('curl: (28)');
    expect(run.stderr()).toContain('No access token; the token service answered: nothing');
    expect(gateway?.held).toEqual(['getAccessToken']);
    expect(sandbox.flow(flowId)?.instances).toEqual([]);
  }, 60_000);

  it('says a run may have started when the trigger gets no answer in ENOS_MAX_TIME: exit 3', async () => {
    run = startSample(curl, await holding('triggerFlow'));
    expect(await run.exited).toBe(3);
    expect(run.stderr()).toContain('curl: (28)');
    expect(run.stderr()).toContain('The trigger got no answer: a run may have started.');
    expect(gateway?.held).toEqual(['triggerFlow']);
  }, 60_000);

  it('reads again after a read without an answer in ENOS_MAX_TIME, until MAX_TRIES: exit 3', async () => {
    run = startSample(curl, await holding('getFlowInstance'));
    expect(await run.exited).toBe(3);
    const { flowInstanceId } = instanceIn(sandbox);
    expect(run.stderr().match(/curl: \(28\)/g)).toHaveLength(2);
    expect(run.stderr()).toContain(
      `${flowInstanceId} started, but was still unread after 2 reads.`,
    );
    expect(gateway?.held).toEqual(['getFlowInstance', 'getFlowInstance']);
  }, 60_000);

  it('gives up after MAX_TRIES reads, naming the run it started: look before triggering again', async () => {
    run = startSample(curl, { ENOS_BASE_URL: sandbox.url, ...QUICK_POLLS, ENOS_MAX_TRIES: '2' });
    expect(await run.exited).toBe(3);
    const { flowInstanceId, status } = instanceIn(sandbox);
    expect(finalStatuses.has(status)).toBe(false);
    expect(run.stdout()).toBe(`status: ${status}\n`);
    expect(run.stderr()).toContain(`${flowInstanceId} started, but was still ${status} after 2`);
  }, 60_000);

  it("says, on stderr, that it reads again after the gateway's own answer", async () => {
    const { message } =
      gatewayErrors('getFlowInstance').find((error) => error.status === 503) ?? {};
    sandbox.injectFault({ type: 'unavailable', operation: 'getFlowInstance', count: 1 });
    run = startSample(curl, { ENOS_BASE_URL: sandbox.url, ...QUICK_POLLS, ENOS_MAX_TRIES: '2' });
    expect(await run.exited).toBe(3);
    expect(run.stderr()).toContain(`Get Flow Instance answered {"message":"${message}"}`);
    expect(run.stderr()).toContain('reading again');
    expect(run.stdout()).toBe(`status: ${instanceIn(sandbox).status}\n`);
  }, 60_000);
});
