/**
 * The TypeScript and curl samples, run as a reader runs them, against the sandbox with its
 * default fixtures: they cannot drift from a working call. (The Java samples need the
 * Poseidon SDK from Maven, which this machine cannot reach; they are not run.)
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseFlowInstanceId } from '@enos-trigger/client';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import {
  documentOperations,
  duplicatedEncryptionError,
  errorCatalog,
  findOperation,
  gatewayErrors,
  type JsonSchema,
  loadContract,
  type OperationId,
  successExample,
} from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { curlSample } from '../src/curl-sample.js';
import { paths } from '../src/paths.js';
import { type CollidingProxy, startCollidingProxy } from './colliding-token-proxy.js';
import { type HoldingGateway, startHoldingGateway } from './holding-gateway.js';

const execFileAsync = promisify(execFile);
const WRONG_SECRET = 'not-the-sandbox-secret';
const MINUTE = 60_000;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * A `date` that reads SAMPLE_CLOCK_SHIFT_S seconds later than the machine's, first on the PATH
 * of a shell sample that runs at another time (see `runSample`).
 */
const shiftedDateDir = mkdtempSync(join(tmpdir(), 'enos-docs-date-'));
const machineDate = execFileSync('sh', ['-c', 'command -v date'], { encoding: 'utf8' }).trim();
writeFileSync(
  join(shiftedDateDir, 'date'),
  `#!/bin/sh\nexec ${machineDate} -d "@$(( $(${machineDate} +%s) + \${SAMPLE_CLOCK_SHIFT_S:-0} ))" "$@"\n`,
);
chmodSync(join(shiftedDateDir, 'date'), 0o755);
afterAll(() => rmSync(shiftedDateDir, { recursive: true, force: true }));
const sampleClock = fileURLToPath(new URL('./sample-clock.ts', import.meta.url));

/**
 * Run a sample file as a reader would: `sh file.sh`, or TypeScript through tsx.
 * @param at the time the sample's clock reads when it starts (epoch ms); the machine's clock
 *   if not given. The TypeScript samples read `Date.now()`, the shell ones `date`.
 */
async function runSample(file: string, env: Record<string, string>, at?: number): Promise<Run> {
  const shiftMs = at === undefined ? 0 : at - Date.now();
  const [command, args] = file.endsWith('.ts')
    ? [process.execPath, ['--import', 'tsx', '--import', sampleClock, file]]
    : ['sh', [file]];
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: paths.packageRoot,
      env: {
        ...process.env,
        ...env,
        SAMPLE_CLOCK_SHIFT_MS: String(shiftMs),
        SAMPLE_CLOCK_SHIFT_S: String(Math.round(shiftMs / 1000)),
        PATH: `${shiftedDateDir}:${process.env.PATH ?? ''}`,
      },
      timeout: 15_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const sample = (file: string) => join(paths.samples, file);
const { operation: triggerFlow } = findOperation('triggerFlow');
/** The flow the samples trigger: the contract's request example. */
const requestExample = triggerFlow.requestBody?.content['application/json']?.example;
const { flowId } = requestExample as { flowId: number };
const success = successExample('triggerFlow').value as { data: { flowInstanceId: string } };
/** The refusal of a second trigger of one workflow for the same minute. */
const sameMinute = errorCatalog('triggerFlow').find(
  (entry) => entry.name === 'cannotCreateInstance',
);
/** A check of an answer against the contract's 200 schema of the operation. */
const answerOf = (operationId: OperationId) =>
  compileSchema(
    findOperation(operationId).operation.responses['200']?.content?.['application/json']
      ?.schema as JsonSchema,
  );
const tokenAnswer = answerOf('getAccessToken');

/** The minute (epoch ms) an instance ID names, if it names flowId's instance. */
function minuteOf(flowInstanceId: string): number | undefined {
  const parts = parseFlowInstanceId(flowInstanceId);
  return parts?.flowId === flowId ? parts.instant.getTime() : undefined;
}

/**
 * A time a few seconds into the current minute: a sample started then still runs in that
 * minute when it sends its trigger, and runs started a minute apart trigger different minutes.
 */
const earlyInTheMinute = () => Math.floor(Date.now() / MINUTE) * MINUTE + 2_000;

describe('the samples, run against the sandbox', () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0 });
    env = { ENOS_BASE_URL: sandbox.url };
  });
  afterEach(async () => sandbox.close());

  // A reader runs a sample, and later runs it again: both trigger a run, each for its own
  // minute. (The service refuses a second trigger of a workflow for one minute, so the test
  // runs the second time a minute later on the sample's clock rather than wait for it.)
  const triggerSamples: [string, (run: Run) => string][] = [
    [
      'trigger-flow.sh',
      (run) => {
        const answer = JSON.parse(run.stdout) as typeof success;
        expect(answer).toMatchObject({ ...success, data: {} });
        return answer.data.flowInstanceId;
      },
    ],
    [
      'trigger-flow.ts',
      (run) => /^Triggered instance (\S+)\n$/.exec(run.stdout)?.[1] ?? `none in ${run.stdout}`,
    ],
  ];

  it.each(triggerSamples)(
    '%s triggers the flow now, and again when run a minute later',
    async (file, instanceOf) => {
      const first = earlyInTheMinute();
      for (const at of [first, first + MINUTE]) {
        const run = await runSample(sample(file), env, at);
        expect(run.stderr, `run at ${new Date(at).toISOString()}`).toBe('');
        expect(run.code, `run at ${new Date(at).toISOString()}`).toBe(0);
        const instance = instanceOf(run);
        expect(minuteOf(instance), `${instance}: the instance of the minute it ran in`).toBe(
          Math.floor(at / MINUTE) * MINUTE,
        );
      }
    },
    30_000,
  );

  it.each(triggerSamples.map(([file]) => file))(
    "%s run twice in one minute gets the contract's same-minute refusal the second time",
    async (file) => {
      const refusal = sameMinute as NonNullable<typeof sameMinute>;
      expect(refusal).toBeDefined();
      const first = earlyInTheMinute();
      expect((await runSample(sample(file), env, first)).code).toBe(0);
      const again = await runSample(sample(file), env, first + 20_000);
      expect(`${again.stdout}${again.stderr}`).toContain(String(refusal.code));
      expect(`${again.stdout}${again.stderr}`).toContain(refusal.message);
    },
    30_000,
  );

  it('curl: the token call answers a token the contract accepts', async () => {
    const run = await runSample(sample('get-access-token.sh'), env);
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { status: number; data: { expire: number } };
    expect(tokenAnswer(answer)).toBe(true);
    expect(answer.status).toBe(0);
  });

  it('TypeScript: the token call gets a token and does not print it', async () => {
    const run = await runSample(sample('get-access-token.ts'), env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Got an access token, valid for [1-9]\d* s\n$/);
  });

  it('fail, without printing the secret, when the app secret is wrong', async () => {
    const wrong = { ...env, ENOS_APP_SECRET: WRONG_SECRET };
    for (const file of ['trigger-flow.sh', 'trigger-flow.ts', 'get-access-token.ts']) {
      const run = await runSample(sample(file), wrong);
      expect(run.code, file).toBe(1);
      expect(run.stderr, file).not.toBe('');
      expect(`${run.stdout}${run.stderr}`, file).not.toContain(WRONG_SECRET);
    }
  });
});

describe('the samples, when another process with the app key asks in the same millisecond', () => {
  const { code: collision } = duplicatedEncryptionError();
  let sandbox: Sandbox;
  let proxy: CollidingProxy | undefined;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterEach(async () => {
    await proxy?.close();
    await sandbox.close();
  });
  const through = async (collisions: number) => {
    proxy = await startCollidingProxy(sandbox.url, collisions);
    return { ENOS_BASE_URL: proxy.url };
  };

  it.each([
    ['get-access-token.sh', /^\{.*"status":0[,}]/],
    ['trigger-flow.sh', new RegExp(`"flowInstanceId":"${flowId}-\\d{14}"`)],
    ['get-access-token.ts', /^Got an access token, valid for [1-9]\d* s\n$/],
    ['trigger-flow.ts', new RegExp(`^Triggered instance ${flowId}-\\d{14}\n$`)],
  ])('%s asks again with a new timestamp, and succeeds', async (file, output) => {
    const run = await runSample(sample(file), await through(1));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(output);
    const [collided, accepted, ...more] = proxy?.tokenTimestamps ?? [];
    expect(more).toEqual([]);
    expect(accepted).toBeGreaterThan(collided as number);
  });

  it.each(['get-access-token.sh', 'get-access-token.ts'])(
    '%s gives up after 4 token requests',
    async (file) => {
      const run = await runSample(sample(file), await through(Number.POSITIVE_INFINITY));
      expect(`${run.stdout}${run.stderr}`).toContain(String(collision));
      expect(proxy?.tokenTimestamps).toHaveLength(4);
      expect(new Set(proxy?.tokenTimestamps).size).toBe(4);
    },
  );
});

describe('the curl samples, through a gateway that never answers their call', () => {
  /** curl's exit code when its --max-time ran out. */
  const TIMED_OUT = 28;
  const dir = mkdtempSync(join(tmpdir(), 'enos-docs-held-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let sandbox: Sandbox;
  let gateway: HoldingGateway | undefined;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    await sandbox.close();
  });
  /** Run `file` through a gateway that holds `operationId`; each curl gives up after 1 s. */
  const heldRun = async (file: string, operationId: OperationId) => {
    gateway = await startHoldingGateway(sandbox.url, [operationId]);
    return runSample(file, { ENOS_BASE_URL: gateway.url, ENOS_MAX_TIME: '1' });
  };

  it.each([
    ['get-access-token.sh', 'getAccessToken'],
    ['trigger-flow.sh', 'triggerFlow'],
  ] as const)(
    "%s gives up on its %s call after ENOS_MAX_TIME, with curl's code",
    async (file, operationId) => {
      const run = await heldRun(sample(file), operationId);
      expect(run.code, run.stderr).toBe(TIMED_OUT);
      expect(run.stderr).toContain(`curl: (${TIMED_OUT})`);
      expect(gateway?.held).toEqual([operationId]);
    },
  );

  it.each(documentOperations(loadContract()).map(({ operationId }) => operationId))(
    'the curl sample generated for %s gives up on its call after ENOS_MAX_TIME',
    async (operationId) => {
      const script = join(dir, `generated-${operationId}.sh`);
      writeFileSync(script, curlSample(operationId, loadContract()).source);
      const run = await heldRun(script, operationId);
      expect(run.code, run.stderr).toBe(TIMED_OUT);
      expect(gateway?.held).toEqual([operationId]);
    },
  );

  it('trigger-flow.sh takes a token request without an answer for no token: exit 1, nothing sent', async () => {
    const run = await heldRun(sample('trigger-flow.sh'), 'getAccessToken');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`curl: (${TIMED_OUT})`);
    expect(run.stderr).toContain('No access token; the token service answered: nothing');
    expect(gateway?.held).toEqual(['getAccessToken']);
    expect(sandbox.flow(flowId)?.instances).toEqual([]);
  });
});

describe('the curl sample against a sandbox that checks signatures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enos-docs-curl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused by the gateway when its string to sign is built wrong', async () => {
    const source = readFileSync(sample('trigger-flow.sh'), 'utf8');
    const wrongOrder = source.replace(
      /^SORTED_QUERY=.*$/m,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not JavaScript.
      'SORTED_QUERY="userId${USER_ID}orgId${ORG_ID}actiontrigger"',
    );
    expect(wrongOrder).not.toBe(source);
    const script = join(dir, 'unsorted-query.sh');
    writeFileSync(script, wrongOrder);
    const sandbox = await startSandbox({ port: 0 });
    try {
      const run = await runSample(script, { ENOS_BASE_URL: sandbox.url });
      const unauthorized = gatewayErrors('triggerFlow').find((error) => error.status === 401);
      expect(JSON.parse(run.stdout)).toEqual({ message: unauthorized?.message });
    } finally {
      await sandbox.close();
    }
  });

  it('accepts a curl sample generated from the contract: it signs as trigger-flow.sh does', async () => {
    // Trigger Flow has hand-written samples; its generated one is what an operation without
    // them gets. It sends the contract's example body, whose trigger time is in the past.
    const script = join(dir, 'generated-trigger-flow.sh');
    writeFileSync(script, curlSample('triggerFlow', loadContract()).source);
    const sandbox = await startSandbox({ port: 0 });
    try {
      const run = await runSample(script, { ENOS_BASE_URL: sandbox.url });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({
        code: 0,
        data: { flowInstanceId: success.data.flowInstanceId },
      });
    } finally {
      await sandbox.close();
    }
  });

  it('accepts the curl samples generated for Get, List and Cancel Flow Instance, on the instance the generated trigger starts', async () => {
    // The contract's examples agree: the trigger's request example starts the instance that
    // Get and Cancel name, in the trigger-time window List searches.
    const contract = loadContract();
    const sandbox = await startSandbox({ port: 0 });
    const run = async (operationId: OperationId) => {
      const script = join(dir, `generated-${operationId}.sh`);
      writeFileSync(script, curlSample(operationId, contract).source);
      const result = await runSample(script, { ENOS_BASE_URL: sandbox.url });
      expect(result.stderr, operationId).toBe('');
      expect(result.code, operationId).toBe(0);
      const answer = JSON.parse(result.stdout) as { code: number; data: unknown };
      expect(answerOf(operationId)(answer), `${operationId}: ${result.stdout}`).toBe(true);
      expect(answer.code, `${operationId}: ${result.stdout}`).toBe(0);
      return answer.data;
    };
    const instanceId = success.data.flowInstanceId;
    const statusOfInstance = () =>
      sandbox.flow(flowId)?.instances.find((entry) => entry.flowInstanceId === instanceId)?.status;
    try {
      await run('triggerFlow');
      const read = (await run('getFlowInstance')) as { instanceId: string; statusDesc: string };
      expect(read).toMatchObject({ instanceId, statusDesc: statusOfInstance() });
      const found = (await run('listFlowInstances')) as { flowInsts: { instanceId: string }[] };
      expect(found.flowInsts.map((entry) => entry.instanceId)).toContain(instanceId);
      expect(await run('cancelFlowInstance')).toBe('');
      const after = (await run('getFlowInstance')) as { statusDesc: string };
      expect(after.statusDesc).toBe(statusOfInstance());
      expect(after.statusDesc).not.toBe(read.statusDesc);
    } finally {
      await sandbox.close();
    }
  });
});
