/**
 * Against the bundled sandbox (@enos-trigger/sandbox), the stateful reference server: the
 * default run (which starts and stops its own), two runs in a row against one long-running
 * sandbox, which must both pass (each run triggers in its own minutes), and a sandbox whose
 * flows end at once, as a quick flow of a real deployment does before the run gets to cancel it.
 */
import { defaultFixtures, type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conform } from './support/conform.js';
import { runCli } from './support/run-cli.js';

const app = defaultFixtures.apps[0] as { appKey: string; appSecret: string };

describe('the bundled sandbox', () => {
  it('passes a default run (no --server), which starts the sandbox and stops it', async () => {
    const started = Date.now();
    const run = await runCli([]);
    const wallMs = Date.now() - started;
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('the bundled sandbox at http://127.0.0.1:');
    expect(run.rows.filter((r) => r.status === 'fail' || r.status === 'warn')).toEqual([]);
    // The sandbox has a flow without task and one of another user: both errors are checked.
    expect(run.row('62104 · workflow has no task').status).toBe('pass');
    expect(run.row('62103 · not the owner').status).toBe('pass');
    // And a locked user and a locked flow: 62105 and 62106 are checked too.
    expect(run.row('62105 · user locked: user locked-user (--locked-user-id)').status).toBe('pass');
    expect(run.row('62106 · workflow locked: flow 4230 (--locked-flow-id)').status).toBe('pass');
    // The instance operations follow the contract's links to the instance the run started.
    for (const title of [
      'Get Flow Instance · success: flowInstId from the answer of Trigger Flow',
      'List Flow Instances · success',
      'Cancel Flow Instance · success',
      'Cancel Flow Instance · 62102 · instance already finished',
      'Get Flow Instance · 62102 · no such instance',
      // Its other user asks about the run's instance (Get, Cancel) and names itself as owner
      // (List): each is refused as not the owner.
      'Get Flow Instance · 62103 · not the owner: asked as user other-user (--foreign-user-id)',
      'List Flow Instances · 62103 · another owner: owner set to user other-user (--foreign-user-id)',
      'Cancel Flow Instance · 62103 · not the owner: asked as user other-user (--foreign-user-id)',
      // Its locked user asks to cancel the run's instance: refused as locked (62105).
      'Cancel Flow Instance · 62105 · user locked: asked as user locked-user (--locked-user-id)',
    ]) {
      expect(run.row(title).status, title).toBe('pass');
    }
    // No call of the API makes an instance of a locked workflow: Cancel's 62106 is a skip that
    // says so, though the run has a locked flow.
    const lockedWorkflow = run.row('Cancel Flow Instance · 62106 · workflow locked');
    expect(lockedWorkflow.status).toBe('skip');
    expect(lockedWorkflow.text).toContain('no call of the API locks a workflow');
    expect(lockedWorkflow.text).toContain('--locked-flow-id cannot give one');
    // A passing run prints each check once: its line, and no table repeating it.
    const lines = run.stdout.split('\n');
    for (const row of run.rows) {
      const printed = lines.filter((line) => line.includes(` ${row.title} — `));
      expect(printed, row.title).toHaveLength(1);
    }
    expect(run.stdout).toMatch(
      /conformance: \d+ pass, 0 fail, 0 warn, 0 info, \d+ skip\nconformance: conforms/,
    );
    expect(run.stdout + run.stderr + Object.values(run.reports).join('')).not.toContain(
      app.appSecret,
    );
    console.info(`default run against the bundled sandbox: ${wallMs} ms wall (CLI start to exit)`);
  });
});

describe('one long-running sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it('passes two runs in a row, strict', async () => {
    const args = [
      '--server',
      sandbox.url,
      '--app-key',
      app.appKey,
      '--no-task-flow-id',
      '4040',
      '--foreign-flow-id',
      '4030',
      '--locked-flow-id',
      '4230',
      '--locked-user-id',
      'locked-user',
      '--strict',
    ];
    for (const attempt of [1, 2]) {
      const run = await conform(args, { ENOS_APP_SECRET: app.appSecret });
      expect(run.code, `run ${attempt}:\n${run.output}`).toBe(0);
      expect(run.row('Trigger Flow · success').status).toBe('pass');
      expect(run.row('62102 · cannot create instance').status).toBe('pass');
      expect(run.row('62105 · user locked').status).toBe('pass');
      expect(run.row('62106 · workflow locked').status).toBe('pass');
      expect(run.row('Cancel Flow Instance · 62105 · user locked').status).toBe('pass');
      // No --foreign-user-id: the instance operations' "not the owner" rows say to give it.
      for (const op of ['Get Flow Instance', 'List Flow Instances', 'Cancel Flow Instance']) {
        const row = run.row(`${op} · 62103 · `);
        expect(row.status, op).toBe('skip');
        expect(row.text, op).toContain('no --foreign-user-id given');
      }
    }
  });
});

describe('a sandbox whose flows end at once (a quick flow of a real deployment)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    const flows = defaultFixtures.flows.map((flow) => ({ ...flow, runMs: 1 }));
    sandbox = await startSandbox({ port: 0, fixtures: { ...defaultFixtures, flows } });
  });
  afterAll(() => sandbox.close());

  it('skips the cancel of an instance that has already ended, saying why, and passes', async () => {
    const run = await conform(
      ['--server', sandbox.url, '--app-key', app.appKey, '--negative-runs', '1', '--strict'],
      { ENOS_APP_SECRET: app.appSecret },
    );
    expect(run.code, run.output).toBe(0);
    const cancel = run.row('Cancel Flow Instance · success');
    expect(cancel.status).toBe('skip');
    expect(cancel.text).toContain(
      'the instance had ended on its own before this request: the answer is 62102 · instance already finished',
    );
    expect(run.row('Cancel Flow Instance · 62102 · instance already finished').status).toBe('pass');
    expect(run.row('Get Flow Instance · success').status).toBe('pass');
  });
});

describe('a --flow-id the bundled sandbox cannot trigger: exit 2 naming the flag, not "does not conform"', () => {
  it.each([
    ['999999', 'Check --flow-id: ', 'so flow 999999 most likely does not exist'],
    ['4030', 'Check --flow-id (or --user-id): ', 'so flow 4030 is not user "sandbox-user"\'s'],
  ])('--flow-id %s', async (flowId, flag, why) => {
    const run = await conform(['--flow-id', flowId, '--negative-runs', '1']);
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain(flag);
    expect(run.output).toContain(why);
    expect(run.output).not.toMatch(/^FAIL/m);
    expect(run.output).not.toContain('does not conform');
    expect(run.reports).toEqual({});
  });
});
