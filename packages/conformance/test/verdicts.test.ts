/**
 * The rules that turn answers into violations: the negative lane's verdict, the envelope check,
 * Dredd's facets, and strictness. Each rule is shown breaking on an answer that violates it.
 */
import { describe, expect, it } from 'vitest';
import { envelopeProblems } from '../src/checks/envelope-row.js';
import {
  type Answer,
  type NegativeCategory,
  observed,
  type TriggerRecord,
} from '../src/checks/exchange.js';
import { instanceIdChecks } from '../src/checks/instance-id-rows.js';
import { judge } from '../src/checks/negative-verdict.js';
import { transactionCheck } from '../src/checks/transaction-row.js';
import { contractView } from '../src/contract/view.js';
import type { ApiAnswer } from '../src/http/api.js';
import { planTransactions } from '../src/plan/transactions.js';
import { statusOf, toResult } from '../src/results/model.js';

const view = contractView();
const op = view.trigger;
const entry = (name: string) =>
  op.catalog.find((e) => e.name === name)?.value as Record<string, unknown>;
const answer = (status: number, body: unknown): ApiAnswer => ({
  status,
  contentType: 'application/json;charset=UTF-8',
  headers: {},
  text: JSON.stringify(body),
  json: body,
});

/** The negative lane's verdict on an answer to a request of the category. */
const verdict = (category: NegativeCategory, a: ApiAnswer) =>
  judge(view, { lane: 'negative', operation: op.id, label: 'x', answer: a, category });

describe('the negative lane accepts only documented errors', () => {
  it.each([
    [answer(200, entry('invalidRequestBody')), '62102'],
    [answer(200, entry('cannotCreateInstance')), '62102'],
    [answer(400, { message: 'Cannot process request body' }), 'HTTP 400'],
    [answer(413, { message: 'Request size limit exceeded' }), 'HTTP 413'],
  ])('accepts %j', (a, kind) => {
    expect(verdict('junk-json', a)).toEqual({ ok: true, kind });
  });

  it.each([
    [answer(500, { message: 'boom' }), 'answered HTTP 500'],
    [answer(503, { message: 'Service unavailable' }), 'answered HTTP 503'],
    [answer(200, view.trigger.successValue), 'accepted it as a success'],
    [answer(200, entry('internalError')), '62109'],
    [answer(200, { code: 62199, msg: 'Something else', data: null }), 'catalog does not have'],
    [answer(200, { ...entry('noTask'), msg: 'other words' }), 'catalog does not have'],
    [answer(200, { ...entry('internalError'), msg: 'other words' }), 'catalog does not have'],
    [answer(422, { message: 'Unprocessable' }), 'does not document'],
  ])('refuses %j', (a, problem) => {
    const refused = verdict('wrong-types', a);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problem).toContain(problem);
  });

  it('accepts a code of the catalog in other words where the contract does not document its message', () => {
    // 62106's words are unknown; both 62102 messages are inferred.
    const locked = answer(200, { ...entry('workflowLocked'), msg: 'Flow is locked.' });
    expect(verdict('junk-json', locked)).toEqual({ ok: true, kind: '62106' });
    const invalid = answer(200, { ...entry('invalidRequestBody'), msg: 'Bad body.' });
    expect(verdict('junk-json', invalid)).toEqual({ ok: true, kind: '62102' });
  });

  it('wants exactly 401 for a bad signature', () => {
    expect(verdict('bad-signatures', answer(401, { message: 'x' })).ok).toBe(true);
    const duplicate = verdict('bad-signatures', answer(200, entry('cannotCreateInstance')));
    expect(!duplicate.ok && duplicate.problem).toContain('not 401');
    expect(verdict('bad-signatures', answer(400, { message: 'x' })).ok).toBe(false);
  });
});

describe('the envelope check', () => {
  const seen = (o: Partial<Answer>): string[] =>
    envelopeProblems(
      view,
      observed('triggerFlow', 'x', {
        status: 200,
        contentType: 'application/json',
        text: JSON.stringify(view.trigger.successValue),
        ...o,
      }),
    );

  it('passes the contract example, with or without a charset', () => {
    expect(seen({})).toEqual([]);
    expect(seen({ contentType: 'application/json; charset=utf-8' })).toEqual([]);
  });

  it('names the v2.0 envelope', () => {
    const problems = seen({ text: JSON.stringify({ status: 0, msg: ' Success' }) });
    expect(problems.join()).toContain('"status"');
    expect(problems.join()).toContain('no code');
  });

  it.each([
    [{ contentType: 'text/plain' }, 'Content-Type is text/plain'],
    [{ contentType: undefined }, 'Content-Type is missing'],
    [{ status: 201 }, 'HTTP 201 is not a status'],
    [{ text: 'not json' }, 'not a JSON object'],
    [{ text: JSON.stringify({ ...view.trigger.successValue, code: '0' }) }, '"code" is "0"'],
  ])('names %j', (o, problem) => {
    expect(seen(o).join()).toContain(problem);
  });

  it('holds the token service to its own envelope (status, not code)', () => {
    const token = (body: unknown) =>
      envelopeProblems(
        view,
        observed('getAccessToken', 'x', {
          status: 200,
          contentType: 'application/json',
          text: JSON.stringify(body),
        }),
      );
    expect(token(view.token.successValue)).toEqual([]);
    expect(token({ code: 0, msg: 'SUCCESS' }).join()).toContain('no status');
  });
});

describe('Dredd facets carry their own evidence', () => {
  const rows = { view, redact: (text: string) => text, engine: 'Dredd' };
  const plan = planTransactions(view, {
    flowId: 1,
    noTaskFlowId: 2,
    stateless: false,
    oversizeBytes: 10,
  });
  const noTask = plan.find((e) => e.name.endsWith('> noTask')) ?? plan[0];
  const failing = (facet: 'statusCode' | 'body', body: unknown = entry('noTask')) => ({
    name: noTask?.name ?? '',
    skipped: false,
    fields: { [facet]: { valid: false, pointers: [] } },
    answer: {
      status: 409,
      contentType: 'application/json',
      text: JSON.stringify(body),
      json: body,
    },
  });

  it('a business error with another HTTP status only warns (the HTTP 200 is inferred), or fails strict', () => {
    const outcome = transactionCheck(noTask as never, failing('statusCode'), rows);
    expect(toResult(outcome, false).status).toBe('warn');
    expect(toResult(outcome, true).status).toBe('fail');
    expect(toResult(outcome, false).reason).toBe(
      '(inferred) the answer is HTTP 409, where the contract answers HTTP 200',
    );
    expect(toResult(outcome, false).details).toContain('HTTP 409');
  });

  it('a documented error with the wrong message fails', () => {
    const outcome = transactionCheck(
      noTask as never,
      failing('statusCode', { ...entry('noTask'), msg: 'other words' }),
      rows,
    );
    expect(toResult(outcome, false).status).toBe('fail');
    expect(toResult(outcome, false).reason).toContain(
      `msg is "other words", where the contract says ${JSON.stringify(entry('noTask').msg)}`,
    );
  });

  it('a transaction Dredd never ran fails', () => {
    expect(toResult(transactionCheck(noTask as never, undefined, rows), false).status).toBe('fail');
  });
});

describe('the instance ID checks', () => {
  const record = (id: string): TriggerRecord => ({
    flowId: 3377,
    triggerTime: 1574385824000,
    minute: 1574385780000,
    answer: { status: 200, json: { code: 0, msg: 'OK', data: { flowInstanceId: id } } },
    taken: [],
  });
  const statuses = (id: string, strict = false) =>
    instanceIdChecks(view, record(id), false).map((c) => toResult(c, strict).status);

  it('pass the inferred form', () => {
    expect(statuses('3377-20191122012300')).toEqual(['pass', 'pass']);
  });
  it('fail an instance of another flow (documented)', () => {
    expect(statuses('3378-20191122012300')[0]).toBe('fail');
  });
  it('warn on another minute (inferred), and fail it strict', () => {
    expect(statuses('3377-20191122012344')).toEqual(['pass', 'warn']);
    expect(statuses('3377-20191122012344', true)).toEqual(['pass', 'fail']);
  });
  it('skip with a reason when there is no success answer, or the server is a stateless mock', () => {
    const none = instanceIdChecks(view, undefined, false);
    expect(none.every((c) => c.skipped)).toBe(true);
    expect(instanceIdChecks(view, record('3377-20191122012300'), true)[0]?.skipped).toContain(
      'stateless',
    );
  });
});

describe('strictness', () => {
  it('fails on any documented violation, warns on inferred ones unless strict', () => {
    expect(statusOf([], false)).toBe('pass');
    expect(statusOf([{ evidence: 'inferred', message: 'm' }], false)).toBe('warn');
    expect(statusOf([{ evidence: 'inferred', message: 'm' }], true)).toBe('fail');
    expect(
      statusOf(
        [
          { evidence: 'documented', message: 'm' },
          { evidence: 'inferred', message: 'm' },
        ],
        false,
      ),
    ).toBe('fail');
  });
});
