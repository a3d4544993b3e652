/**
 * One test per fact of the operation's public reference page (the seed) and of the EnOS
 * notes around it. The expected values here are the seed's own words, written out so that a
 * change to the contract that contradicts the seed fails.
 */

import {
  duplicatedEncryptionError,
  errorCatalog,
  findOperation,
  gatewayErrors,
  type JsonSchema,
  type MediaType,
  operationIds,
  successExample,
} from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import { describe, expect, it } from 'vitest';
import { contract } from './contract.js';

const { path, method, operation } = findOperation('triggerFlow');
const body = operation.requestBody?.content['application/json'] as MediaType;
const bodySchema = body.schema as JsonSchema & { properties: Record<string, JsonSchema> };
const answer = operation.responses['200']?.content?.['application/json'] as MediaType;
const validateAnswer = compileSchema(answer.schema as JsonSchema);
const param = (name: string) => operation.parameters?.find((p) => p.name === name);

describe('Trigger Flow request', () => {
  it('is POST /batch-processing-service/v2.1/flows', () => {
    expect([method, path]).toEqual(['post', '/batch-processing-service/v2.1/flows']);
  });

  it('takes action=trigger as a mandatory query parameter with that one value', () => {
    expect(param('action')).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'string', enum: ['trigger'] },
    });
  });

  it.each(['userId', 'orgId'])('takes %s as a mandatory, non-empty query string', (name) => {
    expect(param(name)).toMatchObject({
      in: 'query',
      required: true,
      schema: { type: 'string', minLength: 1 },
    });
  });

  it('takes no other parameter', () => {
    expect(operation.parameters?.map((p) => p.name).sort()).toEqual(['action', 'orgId', 'userId']);
  });

  it('requires a JSON body', () => {
    expect(operation.requestBody?.required).toBe(true);
  });

  it('has flowId, a mandatory Integer (int32) of at least 1', () => {
    expect(bodySchema.required).toContain('flowId');
    expect(bodySchema.properties.flowId).toMatchObject({
      type: 'integer',
      format: 'int32',
      minimum: 1,
    });
  });

  it('has triggerTime, a mandatory Long (int64) of epoch milliseconds', () => {
    expect(bodySchema.required).toContain('triggerTime');
    expect(bodySchema.properties.triggerTime).toMatchObject({ type: 'integer', format: 'int64' });
    expect(bodySchema.properties.triggerTime?.description).toMatch(/epoch milliseconds/);
  });

  it("uses the seed's request sample as its example", () => {
    expect(body.example).toEqual({ flowId: 3377, triggerTime: 1574385824000 });
  });

  it.each([
    'The user must be the owner of the workflow.',
    'Both the user and the workflow are not locked.',
    'If the trigger time is before the current time, the workflow is triggered\n  immediately, and the trigger time is passed into the time parameters for calculation.',
    'The workflow only allows one instance to run at any one time.',
    'it is executed in sequence',
  ])('states the rule: %s', (rule) => {
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(flat(operation.description ?? '')).toContain(flat(rule));
  });

  it('is signed with the three APIM headers, required together', () => {
    expect(contract.security).toEqual([
      { apimAccessToken: [], apimSignature: [], apimTimestamp: [] },
    ]);
    const names = Object.values(contract.components.securitySchemes).map((s) => [s.in, s.name]);
    expect(names).toEqual([
      ['header', 'apim-accesstoken'],
      ['header', 'apim-signature'],
      ['header', 'apim-timestamp'],
    ]);
  });

  it('lets the server be any EnOS API gateway', () => {
    expect(contract.servers[0]?.url).toBe('https://{apigw-address}');
  });
});

describe('Trigger Flow answer', () => {
  it("accepts the seed's return sample", () => {
    const seed = { code: 0, msg: 'OK', data: { flowInstanceId: '2791-19700101000000' } };
    expect(validateAnswer(seed)).toBe(true);
  });

  it('accepts an optional requestId, as EnOS lists on every answer', () => {
    const seed = { code: 0, msg: 'OK', data: { flowInstanceId: '2430-20190718075000' } };
    expect(validateAnswer({ ...seed, requestId: 'abc' })).toBe(true);
  });

  it.each([
    ['no data', { code: 0, msg: 'OK' }],
    ['a null data on success', { code: 0, msg: 'OK', data: null }],
    ['no msg', { code: 0, data: { flowInstanceId: '3377-20191122012300' } }],
    ['code as a string', { code: '0', msg: 'OK', data: { flowInstanceId: '3377-20191122012300' } }],
    ['a short id', { code: 0, msg: 'OK', data: { flowInstanceId: '3377-201911220123' } }],
    ['an id without flowId', { code: 0, msg: 'OK', data: { flowInstanceId: '20191122012300' } }],
    [
      'the v2.0 envelope',
      { status: 0, msg: ' Success', data: { flowInstanceId: '1-19700101000000' } },
    ],
    ['an error with data', { code: 62104, msg: 'x', data: { flowInstanceId: '1-19700101000000' } }],
  ])('rejects %s', (_, value) => {
    expect(validateAnswer(value)).toBe(false);
  });

  it('shows, in its success example, the id the request example produces', () => {
    const { flowId, triggerTime } = body.example as { flowId: number; triggerTime: number };
    const minute = new Date(triggerTime).toISOString().replace(/\D/g, '').slice(0, 12);
    expect(successExample('triggerFlow').value).toEqual({
      code: 0,
      msg: 'OK',
      data: { flowInstanceId: `${flowId}-${minute}00` },
    });
    expect(`${flowId}-${minute}00`).toBe('3377-20191122012300');
  });

  it('marks the instance id format as inferred', () => {
    const id = (
      contract.components.schemas.FlowInstanceId as { properties: Record<string, JsonSchema> }
    ).properties.flowInstanceId as JsonSchema;
    expect(id['x-enos-evidence']).toBe('inferred');
    const description = String(id.description).replace(/\s+/g, ' ');
    expect(description).toMatch(/\*Inferred:\* .*the UTC minute of the trigger time/);
  });
});

describe('business error catalog', () => {
  const catalog = errorCatalog('triggerFlow');
  const messages = (code: number) => catalog.filter((e) => e.code === code).map((e) => e.message);

  it.each([
    [62101, ['userId does not exist, or it does not match to orgId.'], 'documented'],
    [62103, ['User has no privilege.'], 'documented'],
    [62104, ['This workflow has no task. You cannot trigger it.'], 'documented'],
    [62105, ['Your account has been locked'], 'inferred'],
    [62109, ['Internal server exception'], 'documented'],
    [
      62102,
      [
        'Invalid request body.',
        'Cannot create workflow instance. Please check if the workflow or task exist, and do not trigger the same workflow repeatedly in 1 minute.',
      ],
      'inferred',
    ],
  ])('has %i with its exact message', (code, expected, evidence) => {
    expect(messages(code)).toEqual(expected);
    for (const entry of catalog.filter((e) => e.code === code)) {
      expect(entry.evidence).toBe(evidence);
    }
  });

  it('answers a locked workflow with a code of its own, marked inferred', () => {
    const locked = catalog.filter((e) => /workflow is locked/.test(e.when));
    expect(locked).toHaveLength(1);
    expect(locked[0]?.evidence).toBe('inferred');
    expect(catalog.filter((e) => e.code === locked[0]?.code)).toHaveLength(1);
  });

  it('holds nothing else', () => {
    expect(catalog.map((e) => e.code)).toEqual([
      62101, 62102, 62102, 62103, 62104, 62105, 62106, 62109,
    ]);
  });

  it('gives every entry a when and a basis', () => {
    for (const entry of catalog) {
      expect(entry.when.length, entry.name).toBeGreaterThan(10);
      expect(entry.basis.length, entry.name).toBeGreaterThan(10);
    }
  });

  it('answers every business error as HTTP 200 with data null, marked inferred', () => {
    for (const entry of catalog) {
      expect(validateAnswer({ code: entry.code, msg: entry.message, data: null })).toBe(true);
    }
    expect(contract.components.schemas.BusinessError?.['x-enos-evidence']).toBe('inferred');
  });
});

describe('gateway errors', () => {
  it('answer with real HTTP statuses and the gateway messages', () => {
    expect(gatewayErrors('triggerFlow').map((e) => [e.status, e.message])).toEqual([
      [400, 'Cannot process request body'],
      [401, 'Invalid authentication credentials'],
      [413, 'Request size limit exceeded'],
      [429, 'API rate limit exceeded'],
      [500, 'An unexpected error occurred'],
      [503, 'Service unavailable'],
    ]);
  });

  it('document Retry-After on 429', () => {
    const limited = gatewayErrors('triggerFlow').find((e) => e.status === 429);
    expect(limited?.headers).toEqual(['Retry-After']);
  });
});

describe('token service', () => {
  const token = findOperation('getAccessToken');
  const schema = token.operation.responses['200']?.content?.['application/json']?.schema;
  const validateToken = compileSchema(schema as JsonSchema);

  it('is POST /apim-token-service/v2.0/token/get, without the signature headers', () => {
    expect([token.method, token.path]).toEqual(['post', '/apim-token-service/v2.0/token/get']);
    expect(token.operation.security).toEqual([]);
  });

  it('takes appKey, encryption and timestamp', () => {
    const request = token.operation.requestBody?.content['application/json']?.schema as JsonSchema;
    expect(request.required).toEqual(['appKey', 'encryption', 'timestamp']);
  });

  it('answers with status, msg, business and data.accessToken and data.expire', () => {
    const ok = {
      status: 0,
      msg: 'SUCCESS',
      business: 'apim-token-service',
      data: { accessToken: 't', expire: 7200 },
    };
    expect(validateToken(ok)).toBe(true);
    expect(validateToken({ ...ok, status: undefined, code: 0 })).toBe(false);
  });

  it('has every token service code', () => {
    expect(errorCatalog('getAccessToken').map((e) => e.code)).toEqual([
      1001, 1002, 1003, 1004, 1005, 1202, 1203, 1204,
    ]);
  });

  it('answers a replayed encryption with 1001, which duplicatedEncryptionError names', () => {
    expect(duplicatedEncryptionError()).toMatchObject({ name: 'duplicatedEncryption', code: 1001 });
    expect(duplicatedEncryptionError().when).toMatch(/same `encryption` was sent before/);
  });
});

describe('inferred facts', () => {
  it('each carry a sentence saying so', () => {
    const marked: string[] = [];
    const visit = (node: unknown, at: string) => {
      if (!node || typeof node !== 'object') return;
      const record = node as Record<string, unknown>;
      const parts = (record['x-enos-error'] as { evidence?: Record<string, string> } | undefined)
        ?.evidence;
      // An entry's HTTP status is the envelope's fact, marked on BusinessError and TokenError.
      const inferred =
        record['x-enos-evidence'] === 'inferred' ||
        ['code', 'message', 'when'].some((part) => parts?.[part] === 'inferred');
      if (parts?.message === 'unknown') {
        expect(record.description, `${at}: an unknown message text says so`).toMatch(
          /\*Unknown:\* the message text/,
        );
      }
      if (inferred) {
        marked.push(at);
        expect(record.description, at).toMatch(/\*Inferred:\*/);
      }
      for (const [key, child] of Object.entries(record)) visit(child, `${at}/${key}`);
    };
    visit(contract.components, '#/components');
    expect(marked.length).toBeGreaterThan(5);
  });
});

describe('evidence per part of a catalog entry', () => {
  const trigger = errorCatalog('triggerFlow');
  const token = errorCatalog('getAccessToken');
  const byCode = (code: number) => trigger.find((entry) => entry.code === code);

  it('keeps documented codes and messages apart from the inferred HTTP status', () => {
    for (const code of [62101, 62103, 62104, 62109]) {
      expect(byCode(code)?.parts, String(code)).toEqual({
        code: 'documented',
        message: 'documented',
        status: 'inferred',
        when: 'documented',
      });
      expect(byCode(code)?.evidence).toBe('documented');
    }
  });

  it('marks every token message unknown: the token service documents codes and meanings only', () => {
    expect(token.length).toBeGreaterThan(5);
    for (const entry of token) {
      expect(entry.parts, entry.name).toEqual({
        code: 'documented',
        message: 'unknown',
        status: 'inferred',
        when: 'documented',
      });
      expect(entry.evidence, entry.name).toBe('documented');
    }
  });

  it('marks the text the contract had to invent, the locked workflow, unknown', () => {
    const locked = trigger.find((entry) => /workflow is locked/.test(entry.when));
    expect(locked?.parts).toMatchObject({
      code: 'inferred',
      message: 'unknown',
      when: 'documented',
    });
  });

  it('gives every entry of every operation advice, which names what the call knows where it helps', () => {
    for (const id of operationIds()) {
      for (const entry of errorCatalog(id)) {
        const where = `${id} ${entry.name}`;
        expect(entry.advice.length, where).toBeGreaterThan(20);
        for (const name of entry.advice.match(/\{(\w+)\}/g) ?? []) {
          expect(['{flowId}', '{userId}', '{minute}', '{flowInstanceId}'], where).toContain(name);
        }
      }
    }
    const sameMinute = trigger.find((entry) => /same\s+minute/.test(entry.when));
    expect(sameMinute?.advice).toMatch(/\{minute\}[\s\S]*\{flowInstanceId\}/);
    expect(byCode(62103)?.advice).toMatch(/\{userId\}/);
    expect(byCode(62109)?.advice).toMatch(/later/);
  });
});
