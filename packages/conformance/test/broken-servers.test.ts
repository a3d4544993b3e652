/**
 * The suite fails against servers that each break one rule of the contract, and names the rule
 * in its report; it passes the same server when it keeps every rule. The servers are small
 * node:http servers on 127.0.0.1 (support/reference-server.ts).
 */
import { describe, expect, it } from 'vitest';
import { contractView } from '../src/contract/view.js';
import { type Conformed, conform } from './support/conform.js';
import {
  APP_SECRET,
  type Break,
  FLOW,
  FOREIGN_FLOW,
  fullArgs,
  LOCKED_FLOW,
  LOCKED_USER,
  NO_TASK_FLOW,
  type ReferenceServer,
  startReferenceServer,
} from './support/reference-server.js';

const SUCCESS = 'Trigger Flow · success';
/** The contract's message for 62104, which the broken server answers in other words. */
const NO_TASK_MESSAGE = contractView().trigger.catalog.find((e) => e.name === 'noTask')?.message;
const ENVELOPE = 'every answer:';

function args(server: ReferenceServer, ...extra: string[]): string[] {
  return [...fullArgs(server), '--negative-runs', '5', ...extra];
}

async function against(broken: Break | undefined, ...extra: string[]): Promise<Conformed> {
  const server = await startReferenceServer(broken);
  try {
    const run = await conform(args(server, ...extra), { ENOS_APP_SECRET: APP_SECRET });
    expectPlainReasons(run);
    return run;
  } finally {
    await server.close();
  }
}

/** Gavel's and Dredd's own wording, and what printing an object gives. */
const RAW =
  /No enum match|Expected status code|Missing required property|Invalid type:|should (match|be|have)|At '\/|\[object Object\]|gavel|dredd:/i;

/**
 * Every reason is the run's own words: one line, one plain sentence per violation, never
 * Gavel's wording or "[object Object]".
 */
function expectPlainReasons(run: Conformed): void {
  for (const row of run.rows.filter((r) => r.status !== 'pass')) {
    // A warning's or an information's output is its reason, then what was answered.
    const reason =
      row.status === 'fail' || row.status === 'skip' ? row.text : row.text.split('\n')[0];
    expect(reason, row.title).not.toMatch(RAW);
    expect(reason, row.title).not.toContain('\n');
  }
  const printed = run.output.split('\n').filter((line) => /^(FAIL|WARN|INFO)\s/.test(line));
  for (const line of printed) expect(line).not.toMatch(RAW);
}

function failed(run: Conformed): string[] {
  return run.rows.filter((r) => r.status === 'fail').map((r) => r.title);
}

function expectRow(run: Conformed, title: string, status: string, ...texts: string[]): void {
  const row = run.row(title);
  expect(row.status, `${title}: ${row.text}`).toBe(status);
  for (const text of texts) expect(row.text).toContain(text);
}

describe.concurrent('a server that keeps the contract', () => {
  it('passes, strict, and again right after, going back a minute when its minute is taken', async () => {
    const server = await startReferenceServer();
    try {
      const strict = await conform(args(server, '--strict'), { ENOS_APP_SECRET: APP_SECRET });
      expect(strict.code, strict.output).toBe(0);
      expect(strict.rows.filter((r) => r.status === 'fail' || r.status === 'warn')).toEqual([]);
      expect(strict.rows.filter((r) => r.status === 'pass').length).toBeGreaterThan(20);
      // The instance operations ran with the instance the run triggered (the contract's links):
      // read, found, cancelled, and a second cancel refused.
      for (const title of [
        'Get Flow Instance · success',
        'List Flow Instances · success',
        'Cancel Flow Instance · success',
        'Cancel Flow Instance · 62102 · instance already finished',
        'negative · Cancel Flow Instance · invalid query parameters and bodies',
      ]) {
        expectRow(strict, title, 'pass');
      }
      // It triggered only the flows it was given, no more often than it printed before.
      const flows = server.namedFlows.filter(
        (f) => Number.isInteger(f) && (f as number) >= 1 && (f as number) < 2 ** 31,
      );
      expect(new Set(flows)).toEqual(new Set([FLOW, NO_TASK_FLOW, FOREIGN_FLOW, LOCKED_FLOW]));
      const budget = Number(
        new RegExp(`flow ${FLOW} \\(--flow-id\\): at most (\\d+) requests`).exec(
          strict.output,
        )?.[1],
      );
      expect(flows.filter((f) => f === FLOW).length).toBeLessThanOrEqual(budget);
      // Take the minutes a run starting in the next few seconds would try first, as earlier
      // runs would have: the next run must find a free minute further back, and pass.
      const now = Date.now();
      const minute = now - (now % 60_000);
      const second = Math.floor((now - minute) / 1000);
      for (let k = 1; k <= 4 + second; k += 1) server.takeMinute(minute - k * 60_000);
      const again = await conform(args(server), { ENOS_APP_SECRET: APP_SECRET });
      expect(again.code, again.output).toBe(0);
      expect(again.output).toMatch(/already taken \(an earlier run\?\); used/);
    } finally {
      await server.close();
    }
  });
});

describe.concurrent('a server that breaks one rule', () => {
  it('code as a string', async () => {
    const run = await against('code-as-string');
    expect(run.code).toBe(1);
    expectRow(run, SUCCESS, 'fail', 'code is "0", where the contract expects 0');
    expectRow(run, ENVELOPE, 'fail', '"code" is "0", not an integer');
  });

  it('a malformed flowInstanceId', async () => {
    const run = await against('malformed-instance-id');
    expect(run.code).toBe(1);
    expectRow(
      run,
      SUCCESS,
      'fail',
      'data.flowInstanceId is "5150_',
      'where the contract expects a string matching ^[1-9][0-9]*-[0-9]{14}$',
    );
  });

  it('a missing data', async () => {
    const run = await against('missing-data');
    expect(run.code).toBe(1);
    expectRow(run, SUCCESS, 'fail', 'data is missing, where the contract expects an object');
    expectRow(run, ENVELOPE, 'fail', 'the envelope has no data');
  });

  it('a wrong status', async () => {
    const run = await against('wrong-status');
    expect(run.code).toBe(1);
    expectRow(run, SUCCESS, 'fail', 'the answer is HTTP 201, where the contract answers HTTP 200');
    expectRow(run, ENVELOPE, 'fail', 'HTTP 201 is not a status the contract documents');
  });

  it('a wrong content type', async () => {
    const run = await against('wrong-content-type');
    expect(run.code).toBe(1);
    expectRow(run, SUCCESS, 'fail', 'Content-Type is "text/plain", where the contract says');
    expectRow(run, ENVELOPE, 'fail', 'Content-Type is text/plain, not application/json');
  });

  it('a business error sent as an HTTP 4xx', async () => {
    const run = await against('business-error-as-4xx');
    expect(run.code).toBe(1);
    // The HTTP 200 of business errors is inferred: the wrong status alone only warns...
    expectRow(
      run,
      '62104 · workflow has no task',
      'warn',
      '(inferred) the answer is HTTP 409, where the contract answers HTTP 200',
    );
    // ...but statuses the contract does not document at all fail.
    expectRow(run, ENVELOPE, 'fail', 'HTTP 409 is not a status the contract documents');
  });

  it('the v2.0 envelope (status instead of code)', async () => {
    const run = await against('v2-envelope');
    expect(run.code).toBe(1);
    expectRow(run, SUCCESS, 'fail', 'code is missing, where the contract expects 0');
    expectRow(run, '62104 · workflow has no task', 'fail', 'the body has no "code"');
    expectRow(run, ENVELOPE, 'fail', 'the envelope has no code (it carries "status"');
  });

  it('authentication not enforced', async () => {
    const run = await against('auth-not-enforced');
    expect(run.code).toBe(1);
    expectRow(
      run,
      'Trigger Flow · 401',
      'fail',
      'the answer is HTTP 200, where the contract answers HTTP 401',
    );
    expectRow(run, 'negative · bad signatures', 'fail', 'answered HTTP 200, not 401');
  });

  it('62104 with the wrong message', async () => {
    const run = await against('wrong-62104-message');
    expect(run.code).toBe(1);
    expectRow(
      run,
      '62104 · workflow has no task',
      'fail',
      `msg is "Workflow has no task.", where the contract says ${JSON.stringify(NO_TASK_MESSAGE)}`,
    );
  });

  it('a flowInstanceId of another flow', async () => {
    const run = await against('instance-id-of-another-flow');
    expect(run.code).toBe(1);
    expectRow(
      run,
      'flowInstanceId starts with the triggered flowId',
      'fail',
      `flow ${FLOW} was triggered but its instance is "${FLOW + 1}-`,
    );
  });

  it('a 5xx on a junk body', async () => {
    const run = await against('5xx-on-junk-body');
    expect(run.code).toBe(1);
    expectRow(run, 'negative · junk JSON', 'fail', 'answered HTTP 500');
  });

  it('a junk body accepted as a success', async () => {
    const run = await against('junk-body-accepted');
    expect(run.code).toBe(1);
    expectRow(run, 'negative · junk JSON', 'fail', 'accepted it as a success');
    expectRow(run, 'negative · wrong types', 'fail', 'accepted it as a success');
  });

  it("Get Flow Instance's status as a string: that row fails, naming the field", async () => {
    const run = await against('get-status-as-string');
    expect(run.code).toBe(1);
    expect(failed(run)).toEqual([run.row('Get Flow Instance · success').title]);
    expectRow(
      run,
      'Get Flow Instance · success',
      'fail',
      'data.status is "RUNNING", where the contract expects one of -1, 0, 1,',
    );
  });

  it('List Flow Instances without a count: that row fails, naming the field', async () => {
    const run = await against('list-without-count');
    expect(run.code).toBe(1);
    expect(failed(run)).toEqual([run.row('List Flow Instances · success').title]);
    expectRow(
      run,
      'List Flow Instances · success',
      'fail',
      'data.count is missing, where the contract expects an integer of at least 0',
    );
  });

  it("a locked user's cancel accepted: that row fails, and only that row", async () => {
    const run = await against('locked-user-cancel-accepted');
    expect(run.code).toBe(1);
    const title = `Cancel Flow Instance · 62105 · user locked: asked as user ${LOCKED_USER} (--locked-user-id)`;
    expect(failed(run)).toEqual([run.row(title).title]);
    expectRow(
      run,
      title,
      'fail',
      'the request was accepted (code 0, a success), where the contract refuses it with 62105 · user locked',
    );
    // The cancel the locked user got through ended the run's instance: the owner's cancel finds
    // it finished, as after any cancel.
    expectRow(run, 'Cancel Flow Instance · 62102 · instance already finished', 'pass');
  });

  it('a second trigger in the same minute accepted: an inferred rule, so a warning', async () => {
    const run = await against('duplicates-accepted');
    expect(run.code).toBe(0);
    expectRow(
      run,
      '62102 · cannot create instance',
      'warn',
      '(inferred) the request was accepted (code 0, a success), where the contract refuses it with 62102 · cannot create instance',
    );
  });
});
