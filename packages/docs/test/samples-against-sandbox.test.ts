/**
 * The TypeScript and curl samples, run as a reader runs them, against the sandbox with its
 * default fixtures: they cannot drift from a working call. (The Java samples need the
 * Poseidon SDK from Maven, which this machine cannot reach; they are not run.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import {
  duplicatedEncryptionError,
  findOperation,
  gatewayErrors,
  type JsonSchema,
  successExample,
} from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { paths } from '../src/paths.js';
import { type CollidingProxy, startCollidingProxy } from './colliding-token-proxy.js';

const execFileAsync = promisify(execFile);
const WRONG_SECRET = 'not-the-sandbox-secret';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run a sample file as a reader would: `sh file.sh`, or TypeScript through tsx. */
async function runSample(file: string, env: Record<string, string>): Promise<Run> {
  const [command, args] = file.endsWith('.ts')
    ? [process.execPath, ['--import', 'tsx', file]]
    : ['sh', [file]];
  try {
    const { stdout, stderr } = await execFileAsync(command, args, {
      cwd: paths.packageRoot,
      env: { ...process.env, ...env },
      timeout: 15_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

const sample = (file: string) => join(paths.samples, file);
const expectedInstance = (
  successExample('triggerFlow').value as { data: { flowInstanceId: string } }
).data.flowInstanceId;
const tokenAnswer = compileSchema(
  findOperation('getAccessToken').operation.responses['200']?.content?.['application/json']
    ?.schema as JsonSchema,
);

describe('the samples, run against the sandbox', () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeEach(async () => {
    sandbox = await startSandbox({ port: 0 });
    env = { ENOS_BASE_URL: sandbox.url };
  });
  afterEach(async () => sandbox.close());

  it("curl: Trigger Flow answers the contract's success example", async () => {
    const run = await runSample(sample('trigger-flow.sh'), env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject(successExample('triggerFlow').value as object);
  });

  it('TypeScript: Trigger Flow reports the instance of the success example', async () => {
    const run = await runSample(sample('trigger-flow.ts'), env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Triggered instance ${expectedInstance}\n`);
  });

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
    ['trigger-flow.sh', new RegExp(expectedInstance)],
    ['get-access-token.ts', /^Got an access token, valid for [1-9]\d* s\n$/],
    ['trigger-flow.ts', new RegExp(`^Triggered instance ${expectedInstance}\n$`)],
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
});
