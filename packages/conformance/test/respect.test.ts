/**
 * Real Redocly Respect (the pinned @redocly/cli) runs the shipped behaviour.arazzo.yaml against
 * the real sandbox through the signing proxy, and every workflow passes; a copy whose criteria
 * the sandbox cannot meet is reported failed, naming the workflow, the step and the check.
 * Respect stuck on a server that never answers ends, its process with it, when the run stops
 * and when this process is told to end (Ctrl-C).
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  conformanceFixtures,
  defaultFixtures,
  type Sandbox,
  startSandbox,
} from '@enos-trigger/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SigningProxy, startSigningProxy } from '../src/proxy/server.js';
import { behaviourArazzoFile } from '../src/respect/files.js';
import { RespectError } from '../src/respect/outcome.js';
import { runRespect } from '../src/respect/run.js';
import { noProcessMentions, processesMentioning } from './support/processes.js';

const ARAZZO = behaviourArazzoFile();
const offered = conformanceFixtures(defaultFixtures);
if (!offered?.foreignFlowId) throw new Error('the default fixtures offer no flow of another user');
const { app, user, flowId } = offered;
const otherUserId = defaultFixtures.flows.find((f) => f.flowId === offered.foreignFlowId)?.owner;

/** The sandbox writes times in UTC (its default time zone). */
const serverText = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** The workflows' inputs: each its own past minute, as behaviour.arazzo.yaml asks. */
function inputs() {
  const base = Math.floor(Date.now() / 60_000 - 120) * 60_000;
  const minute = (n: number) => base - n * 60_000 + 17_000;
  const triggerTime = minute(0);
  const start = triggerTime - 17_000;
  return {
    flowId,
    userId: user.userId,
    orgId: user.orgId,
    otherUserId: otherUserId as string,
    triggerTime,
    triggerMinuteStart: serverText(start),
    triggerMinuteEnd: serverText(start + 59_000),
    listTriggerTime: minute(1),
    duplicateTriggerTime: minute(2),
    otherUserTriggerTime: minute(3),
    laterTriggerTime: minute(4),
    firstTriggerTime: minute(5),
  };
}

let sandbox: Sandbox;
let proxy: SigningProxy;
beforeEach(async () => {
  sandbox = await startSandbox({ port: 0 });
  proxy = await startSigningProxy({ server: sandbox.url, ...app });
});
afterEach(async () => {
  await proxy.close();
  await sandbox.close();
});

describe('Respect through the signing proxy', () => {
  it('passes every workflow of behaviour.arazzo.yaml against the sandbox', async () => {
    const outcome = await runRespect({
      arazzoFile: ARAZZO,
      proxyUrl: proxy.url,
      inputs: inputs(),
      timeoutMs: 30_000,
    });
    expect(outcome.timedOut).toBe(false);
    expect(outcome.workflows.map((w) => w.id)).toEqual([
      'triggerThenGet',
      'listFindsTrigger',
      'duplicateMinuteRefused',
      'otherUserRefused',
      'cancelWaiting',
    ]);
    const failed = outcome.workflows.flatMap((w) =>
      w.steps.flatMap((s) =>
        s.checks.filter((c) => !c.passed).map((c) => `${w.id}/${s.id}: ${c.message}`),
      ),
    );
    expect(failed).toEqual([]);
    expect(outcome.workflows.every((w) => w.passed)).toBe(true);
    const duplicate = outcome.workflows.find((w) => w.id === 'duplicateMinuteRefused');
    expect(duplicate?.steps.map((s) => s.id)).toEqual(['trigger', 'duplicate']);
    // Respect checks each answer's schema from the contract, besides the criteria.
    expect(duplicate?.steps[1]?.checks.map((c) => c.name)).toContain('schema check');
  });

  it('reports a workflow whose criteria fail as failed, naming the step and the check', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'respect-fail-'));
    try {
      // A copy beside a copy of the contract, expecting the wrong code for the duplicate.
      await copyFile(join(dirname(ARAZZO), 'openapi.yaml'), join(dir, 'openapi.yaml'));
      const text = await readFile(ARAZZO, 'utf8');
      const wrong = text.replace(
        'condition: $response.body#/code == 62102',
        'condition: $response.body#/code == 62104',
      );
      expect(wrong).not.toBe(text);
      await writeFile(join(dir, 'behaviour.arazzo.yaml'), wrong);
      const outcome = await runRespect({
        arazzoFile: join(dir, 'behaviour.arazzo.yaml'),
        workflowIds: ['duplicateMinuteRefused'],
        proxyUrl: proxy.url,
        inputs: inputs(),
        timeoutMs: 30_000,
        reportDir: dir,
      });
      expect(outcome.reportFile).toBe(join(dir, 'respect.json'));
      expect(outcome.workflows).toHaveLength(1);
      const [workflow] = outcome.workflows;
      expect(workflow?.passed).toBe(false);
      expect(workflow?.steps.map((s) => [s.id, s.passed])).toEqual([
        ['trigger', true],
        ['duplicate', false],
      ]);
      const failing = workflow?.steps[1]?.checks.filter((c) => !c.passed);
      expect(failing).toEqual([
        {
          name: 'success criteria check',
          passed: false,
          severity: 'error',
          message: expect.stringContaining('$response.body#/code == 62104'),
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('says so when Respect gives no report (a missing Arazzo file)', async () => {
    const run = runRespect({
      arazzoFile: join(tmpdir(), 'no-such-dir', 'behaviour.arazzo.yaml'),
      proxyUrl: proxy.url,
      inputs: {},
      timeoutMs: 20_000,
    });
    await expect(run).rejects.toBeInstanceOf(RespectError);
    await expect(run).rejects.toThrow(/Respect gave no report/);
  });
});

/** A copy of the document in a directory of its own: its path names this test's Respect alone. */
async function arazzoCopy(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'respect-stop-'));
  await copyFile(join(dirname(ARAZZO), 'openapi.yaml'), join(dir, 'openapi.yaml'));
  await copyFile(ARAZZO, join(dir, 'behaviour.arazzo.yaml'));
  return { dir, file: join(dir, 'behaviour.arazzo.yaml') };
}

/** A server that never answers; `called` resolves at its first request. */
async function silentServer() {
  let called!: () => void;
  const first = new Promise<void>((resolve) => {
    called = resolve;
  });
  const server: Server = createServer(() => called());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    called: first,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.runIf(process.platform === 'linux')('Respect stuck on a server that never answers', () => {
  it("ends with the run's stop: its process is killed and the run rejects with the reason", async () => {
    const { dir, file } = await arazzoCopy();
    const silent = await silentServer();
    try {
      const stop = new AbortController();
      const reason = new Error('the test stopped the run');
      void silent.called.then(() => stop.abort(reason));
      const run = runRespect({
        arazzoFile: file,
        proxyUrl: silent.url,
        inputs: inputs(),
        // Far longer than the test may take: only the stop can end it in time.
        timeoutMs: 600_000,
        signal: stop.signal,
      });
      await expect(run).rejects.toBe(reason);
      await noProcessMentions(dir);
      expect(processesMentioning(dir)).toEqual([]);
    } finally {
      await silent.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('does not start once the run has stopped', async () => {
    const silent = await silentServer();
    try {
      const reason = new Error('stopped before Respect');
      const run = runRespect({
        arazzoFile: ARAZZO,
        proxyUrl: silent.url,
        inputs: inputs(),
        timeoutMs: 600_000,
        signal: AbortSignal.abort(reason),
      });
      await expect(run).rejects.toBe(reason);
    } finally {
      await silent.close();
    }
  });

  it('ends when this process is told to end (Ctrl-C), which then ends as it would have', async () => {
    const { dir, file } = await arazzoCopy();
    // In this process: Respect's calls would wait on it after the runner's process is gone.
    const silent = await silentServer();
    try {
      const fixture = fileURLToPath(
        new URL('./fixtures/respect-until-signal.mjs', import.meta.url),
      );
      const child = spawn(process.execPath, [fixture, file, silent.url, JSON.stringify(inputs())], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
      });
      const closed = once(child, 'close');
      await silent.called;
      child.kill('SIGINT');
      const [code, signal] = await closed;
      // Ended by the signal, as without a listener, not by Respect ending first.
      expect([code, signal]).toEqual([null, 'SIGINT']);
      expect(stdout).toBe('');
      await noProcessMentions(dir);
      expect(processesMentioning(dir)).toEqual([]);
    } finally {
      await silent.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
