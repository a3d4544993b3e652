/**
 * The contract's links, as the run reads and follows them: which operation's answer feeds which
 * request, how an expression is evaluated in that answer, and what a request of an operation
 * without a role is then built from; and the URL every request goes to, which is the operation's
 * path with its fixed query among the query's values, never its path key.
 */
import { readFileSync } from 'node:fs';
import {
  contractFiles,
  findOperation,
  type OpenApiDocument,
  type OperationId,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import {
  documentLinks,
  evaluateIn,
  linkedNames,
  linkValues,
  type OperationLink,
  unsupportedExpression,
} from '../src/contract/links.js';
import { ContractShapeError, contractView } from '../src/contract/view.js';
import { operationQuery, operationUrl, requestTarget } from '../src/http/api.js';
import {
  linkedRequest,
  MissingLinkValue,
  type RequestContext,
  requestSpec,
} from '../src/plan/requests.js';

const view = contractView();
const identity = { appKey: 'k', appSecret: 'secret-never-in-a-query', userId: 'u1', orgId: 'o1' };
const bundled = () => JSON.parse(readFileSync(contractFiles.json, 'utf8')) as OpenApiDocument;
const shapeError = (message: string) => new ContractShapeError(message);
const INSTANCE = '3377-20261201120000';
const triggered = {
  query: operationQuery(view.trigger, identity),
  body: '{"flowId":3377,"triggerTime":1796212837123}',
  json: { code: 0, msg: 'OK', data: { flowInstanceId: INSTANCE } },
};

/** The operations the links lead to, by what their success answers: no operation id needed. */
const linked = view.operations.filter((op) => op.links.length > 0);

function context(answers?: RequestContext['answers']): RequestContext {
  return {
    view,
    identity,
    flows: { flowId: 3377 },
    minute: 1796212800000,
    oversizeBytes: 64,
    ...(answers === undefined ? {} : { answers }),
  };
}

describe("the contract's links", () => {
  it("lead from Trigger Flow's success answer to every instance operation, in the document's order", () => {
    const links = documentLinks(view.document, shapeError);
    expect(links.map((l) => [l.source, l.target])).toEqual(
      linked.map((op) => [view.trigger.id, op.id]),
    );
    expect(linked.map((op) => op.summary)).toEqual([
      'Get Flow Instance',
      'List Flow Instances',
      'Cancel Flow Instance',
    ]);
  });

  it('refuse a link the run could not send, saying which and why', () => {
    const broken = (change: (link: Record<string, unknown>) => void) => {
      const document = bundled();
      const { operation } = findOperation(view.trigger.id as OperationId, document);
      const { links } = operation.responses['200'] as unknown as {
        links: Record<string, Record<string, unknown>>;
      };
      change(links.getFlowInstance as Record<string, unknown>);
      return () => documentLinks(document, shapeError);
    };
    expect(
      broken((link) => {
        delete link.operationId;
        link.operationRef = '#/paths/x';
      }),
    ).toThrow(/"getFlowInstance" of triggerFlow has no operationId/);
    expect(broken((link) => (link.operationId = 'noSuchOperation'))).toThrow(
      /leads to "noSuchOperation"/,
    );
    expect(broken((link) => (link.parameters = { widgetId: 1 }))).toThrow(
      /names "widgetId", which is no query parameter of getFlowInstance/,
    );
    expect(broken((link) => (link.requestBody = { a: 1 }))).toThrow(/which takes none/);
  });
});

describe('an expression, evaluated in the source request and answer', () => {
  const link = (over: Partial<OperationLink>): OperationLink => ({
    name: 'l',
    source: 's',
    target: 't',
    parameters: {},
    ...over,
  });
  const evaluate = (expression: string) => evaluateIn(triggered, expression);

  it('reads $response.body, $request.query and $request.body by JSON pointer', () => {
    expect(evaluate('$response.body#/data/flowInstanceId')).toBe(INSTANCE);
    expect(evaluate('$response.body#/data')).toEqual({ flowInstanceId: INSTANCE });
    expect(evaluate('$request.query.userId')).toBe('u1');
    expect(evaluate('$request.body#/flowId')).toBe(3377);
    expect(evaluate('$response.body#/data/nothing')).toBeUndefined();
  });

  it('fills parameters and bodies, keeping the type of a whole value and embedding the rest', () => {
    const values = linkValues(
      link({
        parameters: { a: '$request.body#/flowId', b: 'constant' },
        requestBody: {
          id: '{$response.body#/data/flowInstanceId}',
          flow: '{$request.body#/flowId}',
          text: 'flow {$request.body#/flowId} of {$request.query.userId}',
          page: { size: 10 },
        },
      }),
      evaluate,
    );
    expect(values).toEqual({
      ok: true,
      query: [
        ['a', '3377'],
        ['b', 'constant'],
      ],
      body: JSON.stringify({
        id: INSTANCE,
        flow: 3377,
        text: 'flow 3377 of u1',
        page: { size: 10 },
      }),
    });
  });

  it('has no values when the answer lacks one, naming the expression', () => {
    const values = linkValues(link({ parameters: { a: '$response.body#/data/x' } }), evaluate);
    expect(values).toEqual({ ok: false, reason: 'gave no value for $response.body#/data/x' });
  });

  it('names what a link fills in, and refuses expressions it does not evaluate', () => {
    expect(linked.map((op) => linkedNames(op.links[0] as OperationLink))).toEqual([
      ['flowInstId'],
      ['expression'],
      ['flowInstId'],
    ]);
    expect(unsupportedExpression('$response.body#/data')).toBeUndefined();
    expect(unsupportedExpression('$response.header.Location')).toMatch(/not one the run evaluates/);
    expect(unsupportedExpression('$url')).toMatch(/not one the run evaluates/);
  });
});

describe('the requests of an operation without a role', () => {
  const answers = new Map([[view.trigger.id, triggered]]);
  const [get, list, cancel] = linked as [
    (typeof linked)[0],
    (typeof linked)[0],
    (typeof linked)[0],
  ];

  it('carry the values their link takes from the success answer', () => {
    const spec = linkedRequest(get, context(answers));
    expect(spec.query).toEqual([
      ['action', 'get'],
      ['flowInstId', INSTANCE],
      ['userId', 'u1'],
      ['orgId', 'o1'],
    ]);
    expect(JSON.parse(linkedRequest(cancel, context(answers)).body)).toEqual({
      flowInstId: INSTANCE,
    });
    expect(JSON.parse(linkedRequest(list, context(answers)).body)).toEqual({
      expression: INSTANCE,
      pagination: { pageNo: 1, pageSize: 10 },
    });
  });

  it('are not sent, saying why, when the success answer gave no value or none came', async () => {
    const refused = new Map([
      [view.trigger.id, { ...triggered, json: { code: 62102, msg: 'x', data: null } }],
    ]);
    await expect(requestSpec('operation-success', context(refused), get.id)).rejects.toThrow(
      new MissingLinkValue(
        'the success answer of Trigger Flow gave no value for $response.body#/data/flowInstanceId, which its link "getFlowInstance" needs (see its row)',
      ),
    );
    await expect(requestSpec('no-credentials', context(new Map()), cancel.id)).rejects.toThrow(
      /no success answer of Trigger Flow to take its link "cancelFlowInstance" from/,
    );
  });

  it('show each linked value as its expression while planning (a dry run)', () => {
    expect(linkedRequest(cancel, context()).body).toBe(
      '{"flowInstId":"{$response.body#/data/flowInstanceId}"}',
    );
  });

  it('draw the catalog errors by changing the success request', async () => {
    const ctx = context(answers);
    const unknownUser = await requestSpec('operation-unknown-user', ctx, get.id);
    expect(unknownUser.query.find(([k]) => k === 'userId')?.[1]).toMatch(/^conformance-no-such-/);
    expect(unknownUser.query.find(([k]) => k === 'flowInstId')?.[1]).toBe(INSTANCE);
    const nothing = await requestSpec('operation-unknown-link', context(new Map()), cancel.id);
    expect(JSON.parse(nothing.body).flowInstId).toMatch(/^conformance-no-such-/);
    expect((await requestSpec('operation-invalid-request', ctx, get.id)).query).toEqual([
      ['action', 'get'],
      ['userId', 'u1'],
      ['orgId', 'o1'],
    ]);
    expect((await requestSpec('operation-invalid-request', ctx, cancel.id)).body).toBe('{}');
    expect(JSON.parse((await requestSpec('operation-invalid-request', ctx, list.id)).body)).toEqual(
      { expression: INSTANCE, pagination: { pageNo: 0, pageSize: 10 } },
    );
    expect(await requestSpec('operation-repeat', ctx, cancel.id)).toEqual(
      await requestSpec('operation-success', ctx, cancel.id),
    );
    expect((await requestSpec('no-credentials', ctx, cancel.id)).signed).toBe(false);
  });
});

describe('where every request goes', () => {
  it("is the operation's path, its fixed query first, for every operation of the contract", () => {
    for (const op of view.operations) {
      const query = operationQuery(op, identity);
      const target = requestTarget(op, query);
      expect(target.split('?')[0], op.id).toBe(op.path);
      expect(target.match(/\?/g)?.length ?? 0, op.id).toBeLessThanOrEqual(1);
      const sent = new URL(target, 'http://x').searchParams;
      for (const [name, value] of Object.entries(op.fixedQuery)) {
        expect(sent.getAll(name), `${op.id} ${name}`).toEqual([value]);
      }
    }
    const [get] = linked;
    expect(
      operationUrl('https://gw.example.com/enos', get as (typeof linked)[0], [['a', 'b']]),
    ).toBe('https://gw.example.com/enos/batch-processing-service/v2.1/flowInstances?a=b');
  });

  it('never takes a query value from the identity but the user and the organisation', () => {
    const op = view.trigger;
    const withSecret = {
      ...op,
      query: [...op.query, { name: 'appSecret', in: 'query' as const, schema: {}, required: true }],
    };
    expect(operationQuery(withSecret, identity).flat()).not.toContain(identity.appSecret);
  });
});
