/**
 * Evidence per fact, not per example: each part of a business error (that the request is
 * refused, its code, its message, its HTTP status) is checked with the evidence the catalog
 * gives that part. A documented part fails, an inferred one warns (fails with --strict), and a
 * difference in a part the contract does not know (the words of every token service error, the
 * message of 62106) is information, even with --strict. Where the server answered another
 * entry of the catalog, the row says what to do: that entry's advice, filled in.
 */
import { errorCatalog } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { transactionCheck } from '../src/checks/transaction-row.js';
import { contractView } from '../src/contract/view.js';
import { type PlannedTransaction, planTransactions } from '../src/plan/transactions.js';
import { toResult } from '../src/results/model.js';
import { type Conformed, conform } from './support/conform.js';
import {
  APP_SECRET,
  type Break,
  FOREIGN_FLOW,
  fullArgs,
  LOCKED_FLOW,
  type ReferenceOptions,
  startReferenceServer,
  targetArgs,
  USER,
} from './support/reference-server.js';

/** The token service's errors a run provokes, and 62106: every one whose words are unknown. */
const UNKNOWN_WORDS = [
  '1001 · duplicated encryption',
  '1002 · appKey does not exist',
  '1003 · invalid encryption',
  '1004 · invalid parameter',
  '1202 · empty parameter',
  '62106 · workflow locked',
];

async function against(
  broken: Break | undefined,
  options: ReferenceOptions,
  args: (server: { url: string }) => string[],
): Promise<Conformed> {
  const server = await startReferenceServer(broken, options);
  try {
    return await conform([...args(server), '--negative-runs', '3'], {
      ENOS_APP_SECRET: APP_SECRET,
    });
  } finally {
    await server.close();
  }
}

describe.concurrent('a server that keeps every documented fact, in other words', () => {
  it.each([
    ['default', []],
    ['--strict', ['--strict']],
  ])('passes, %s, with an INFO row naming each difference in words', async (_mode, extra) => {
    const run = await against(undefined, { otherWords: true }, (server) => [
      ...fullArgs(server),
      ...extra,
    ]);
    expect(run.code, run.output).toBe(0);
    expect(run.rows.filter((r) => r.status === 'fail' || r.status === 'warn')).toEqual([]);
    expect(run.rows.filter((r) => r.status === 'info').map((r) => r.title.split(':')[0])).toEqual(
      UNKNOWN_WORDS.map((title) =>
        title.startsWith('62') ? `Trigger Flow · ${title}` : `Get Access Token · ${title}`,
      ),
    );
    const appKey = errorCatalog('getAccessToken').find((e) => e.name === 'appKeyNotFound');
    expect(run.row('1002 · appKey does not exist').text).toContain(
      `(unknown) msg is "Request refused by the gateway (reason 1002).", not the contract's example "${appKey?.message}", whose words are unknown`,
    );
    expect(run.output).toMatch(/^INFO {2}documented {2}Get Access Token · 1002 · appKey/m);
    expect(run.output).toMatch(/conformance: \d+ pass, 0 fail, 0 warn, 6 info, \d+ skip/);
    expect(run.reports['report.md']).toContain('| INFO | documented | Get Access Token · 1002');
  });
});

describe.concurrent('a server that breaks a documented part still fails', () => {
  it('another documented code (1003 for an unknown appKey): FAIL, with the advice of the code it gave', async () => {
    const run = await against('wrong-1002-code', {}, fullArgs);
    expect(run.code).toBe(1);
    const row = run.row('1002 · appKey does not exist');
    expect(row.status).toBe('fail');
    expect(row.text).toBe(
      'status is 1003 (1003 · invalid encryption), where the contract answers 1002 · appKey does not exist',
    );
    expect(run.output).toContain('what to do: 1003 · invalid encryption: Check appSecret');
    expect(run.reports['report.md']).toContain('## What to do');
  });

  it("a locked workflow accepted: FAIL (62106's code is inferred, but its when is documented)", async () => {
    const run = await against('locked-flow-accepted', {}, fullArgs);
    expect(run.code).toBe(1);
    const row = run.row('62106 · workflow locked');
    expect(row.status).toBe('fail');
    expect(row.text).toBe(
      'the request was accepted (code 0, a success), where the contract refuses it with 62106 · workflow locked',
    );
  });

  it("a --no-task-flow-id that is another user's flow: the 62104 row says what the 62103 means", async () => {
    const run = await against(undefined, {}, (server) => [
      ...targetArgs(server),
      '--no-task-flow-id',
      String(FOREIGN_FLOW),
    ]);
    expect(run.code).toBe(1);
    expect(run.row('62104 · workflow has no task').text).toBe(
      'code is 62103 (62103 · not the owner), where the contract answers 62104 · workflow has no task',
    );
    expect(run.output).toContain(
      `what to do: 62103 · not the owner: Trigger workflow ${FOREIGN_FLOW} as the user who owns it: user ${USER} does not.`,
    );
    // Flows the run was not given are skipped, naming the flag.
    expect(run.row('62106 · workflow locked').text).toContain('no --locked-flow-id given');
    expect(run.row('62105 · user locked').text).toContain('no --locked-user-id given');
    expect(LOCKED_FLOW).not.toBe(FOREIGN_FLOW);
  });
});

describe('each part of a business error with its own evidence', () => {
  const view = contractView();
  const plan = planTransactions(view, {
    flowId: 1,
    lockedFlowId: 2,
    lockedUserId: 'locked',
    stateless: false,
    oversizeBytes: 10,
  });
  const row = (name: string) =>
    plan.find((e) => e.name.endsWith(`> ${name}`)) as PlannedTransaction;
  const value = (name: string) =>
    [...view.trigger.catalog, ...view.token.catalog].find((e) => e.name === name)?.value as Record<
      string,
      unknown
    >;
  const rows = { view, redact: (text: string) => text, engine: 'Dredd' };
  const check = (name: string, body: unknown, status = 200, strict = false) =>
    toResult(
      transactionCheck(
        row(name),
        {
          name: row(name).name,
          skipped: false,
          fields: {
            statusCode: { valid: status === 200, pointers: [] },
            headers: { valid: true, pointers: [] },
            body: { valid: true, pointers: [] },
          },
          answer: {
            status,
            contentType: 'application/json',
            text: JSON.stringify(body),
            json: body,
          },
          call: { flowId: 2, userId: 'u', triggerTime: Date.UTC(2026, 0, 2, 3, 4, 37) },
        },
        rows,
      ),
      strict,
    );

  it('unknown words: INFO, even with --strict', () => {
    for (const strict of [false, true]) {
      const result = check(
        'appKeyNotFound',
        { ...value('appKeyNotFound'), msg: 'nope' },
        200,
        strict,
      );
      expect(result.status).toBe('info');
      expect(result.reason).toMatch(/^\(unknown\) msg is "nope", not the contract's example/);
    }
  });

  it('inferred words (62105): WARN, FAIL with --strict; documented words (62101): FAIL', () => {
    const locked = { ...value('userLocked'), msg: 'Locked.' };
    expect(check('userLocked', locked).status).toBe('warn');
    expect(check('userLocked', locked, 200, true).status).toBe('fail');
    expect(check('userNotInOrg', { ...value('userNotInOrg'), msg: 'No user.' }).status).toBe(
      'fail',
    );
  });

  it('the HTTP status of a business error (inferred): WARN, with the unknown words as well', () => {
    const result = check('workflowLocked', { ...value('workflowLocked'), msg: 'Locked.' }, 423);
    expect(result.status).toBe('warn');
    expect(result.reason).toBe(
      `(inferred) the answer is HTTP 423, where the contract answers HTTP 200; (unknown) msg is "Locked.", not the contract's example ${JSON.stringify(value('workflowLocked').msg)}, whose words are unknown`,
    );
  });

  it('another code: the weaker of code and when (62106: inferred code, so WARN), with the advice of the answer', () => {
    const result = check('workflowLocked', value('noPrivilege'));
    expect(result.status).toBe('warn');
    expect(result.hint).toBe(
      '62103 · not the owner: Trigger workflow 2 as the user who owns it: user u does not.',
    );
  });

  it('the advice fills {minute} and {flowInstanceId} from the request, as the client does', () => {
    const result = check('workflowLocked', value('cannotCreateInstance'));
    expect(result.hint).toBe(
      '62102 · cannot create instance: Check that workflow 2 exists. If it was already triggered for the minute 2026-01-02 03:04, that run is 2-20260102030400: follow it instead of triggering again, or trigger another minute.',
    );
  });
});
