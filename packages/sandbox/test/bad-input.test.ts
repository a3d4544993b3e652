/** Each kind of bad input the issue lists gets its documented answer, and the server goes on. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BODY_LIMIT, type Sandbox, startSandbox } from '../src/index.js';
import { gatewayBody, triggerError } from './support/contract.js';
import {
  envelope,
  FLOWS_PATH,
  freshStamp,
  getToken,
  signedTrigger,
  TOKEN_PATH,
  trigger,
  triggerQuery,
} from './support/enos.js';
import { send } from './support/http.js';

let sandbox: Sandbox;
let token: string;
let minute = 0;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  token = await getToken(sandbox.url);
});
afterAll(() => sandbox.close());
// After every bad request, a valid trigger (of a minute not used before) still works.
afterEach(async () => {
  minute += 1;
  const res = await trigger(sandbox.url, token, 2791, minute * 60_000);
  expect(envelope(res).code).toBe(0);
});

const invalid = triggerError('invalidRequestBody');
const signed = (body: string | Buffer, query = triggerQuery()) =>
  signedTrigger(sandbox.url, { token, body, query });

describe('bodies that are not a valid trigger', () => {
  const cases: [string, string | Buffer][] = [
    ['malformed JSON', '{"flowId": 3377,'],
    ['an empty body', ''],
    ['null', 'null'],
    ['an array', '[3377, 1574385824000]'],
    ['a number', '3377'],
    ['a string', '"3377"'],
    ['a flowId beyond 2^53', '{"flowId": 9007199254740993, "triggerTime": 0}'],
    ['a triggerTime beyond 2^53', '{"flowId": 3377, "triggerTime": 9007199254740993}'],
    ['a triggerTime of 1e400', '{"flowId": 3377, "triggerTime": 1e400}'],
    ['a triggerTime past year 9999', '{"flowId": 3377, "triggerTime": 253402300800000}'],
    ['a negative flowId', '{"flowId": -3377, "triggerTime": 0}'],
    ['a zero flowId', '{"flowId": 0, "triggerTime": 0}'],
    ['a fractional flowId', '{"flowId": 3377.5, "triggerTime": 0}'],
    ['a fractional triggerTime', '{"flowId": 3377, "triggerTime": 0.5}'],
    ['a flowId over int32', '{"flowId": 2147483648, "triggerTime": 0}'],
    ['a missing triggerTime', '{"flowId": 3377}'],
    ['a boolean flowId', '{"flowId": true, "triggerTime": 0}'],
    ['a null flowId', '{"flowId": null, "triggerTime": 0}'],
    ['a string triggerTime', '{"flowId": 3377, "triggerTime": "0"}'],
    ['flowId only under __proto__', '{"__proto__": {"flowId": 3377}, "triggerTime": 0}'],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
  ];
  for (const [what, body] of cases) {
    it(`answers ${what} with 62102 Invalid request body`, async () => {
      const res = await signed(body);
      expect([res.status, res.json]).toEqual([200, invalid]);
    });
  }

  it('treats a __proto__ key as data and pollutes nothing', async () => {
    const body = '{"flowId": 3377, "triggerTime": 0, "__proto__": {"polluted": true}}';
    expect(envelope(await signed(body)).code).toBe(0);
    const query = [...triggerQuery(), ['__proto__', 'x'] as [string, string]];
    const res = await signed('{"flowId": 3377, "triggerTime": 60000}', query);
    expect(envelope(res).code).toBe(0);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });
});

describe('query parameters', () => {
  const without = (name: string) => triggerQuery().filter(([key]) => key !== name);
  const cases: [string, [string, string][]][] = [
    ['no action', without('action')],
    ['no userId', without('userId')],
    ['no orgId', without('orgId')],
    ['no query at all', []],
    ['another action', [...without('action'), ['action', 'list']]],
    ['an empty userId', [...without('userId'), ['userId', '']]],
    ['userId twice', [...triggerQuery(), ['userId', 'other-user']]],
  ];
  for (const [what, query] of cases) {
    it(`answers ${what} with 62102 Invalid request body`, async () => {
      const res = await signed('{"flowId": 3377, "triggerTime": 0}', query);
      expect([res.status, res.json]).toEqual([200, invalid]);
      expect(res.headers['x-enos-sandbox-reason']).toMatch(/^query/);
    });
  }
});

describe('content types', () => {
  for (const type of ['text/plain', 'application/xml', 'application/json;charset=ISO-8859-1', '']) {
    it(`answers ${type || 'no content type'} with the gateway's 400`, async () => {
      const res = await signedTrigger(sandbox.url, {
        token,
        body: '{"flowId": 3377, "triggerTime": 0}',
        contentType: type,
        tamper: (c) => {
          if (type === '') delete c.headers['content-type'];
        },
      });
      expect([res.status, res.json]).toEqual([400, gatewayBody('triggerFlow', 400)]);
    });
  }

  it('accepts application/json with any spelling of the UTF-8 charset', async () => {
    for (const [n, type] of ['Application/JSON', 'application/json; charset="utf-8"'].entries()) {
      const res = await signedTrigger(sandbox.url, {
        token,
        body: JSON.stringify({ flowId: 3377, triggerTime: (100 + n) * 60_000 }),
        contentType: type,
      });
      expect(envelope(res).code).toBe(0);
    }
  });
});

describe('body size', () => {
  const tooBig = `{"flowId": 3377, "triggerTime": 0, "pad": "${'x'.repeat(DEFAULT_BODY_LIMIT)}"}`;

  it("answers a body over 1 MiB with the gateway's 413, declared or chunked", async () => {
    const signedAnswer = await signed(tooBig);
    expect([signedAnswer.status, signedAnswer.json]).toEqual([
      413,
      gatewayBody('triggerFlow', 413),
    ]);
    for (const chunked of [false, true]) {
      const res = await send(sandbox.url, { path: FLOWS_PATH, body: tooBig, chunked });
      expect([chunked, res.status, res.json]).toEqual([
        chunked,
        413,
        gatewayBody('triggerFlow', 413),
      ]);
    }
    const token413 = await send(sandbox.url, { path: TOKEN_PATH, body: tooBig });
    expect([token413.status, token413.json]).toEqual([413, gatewayBody('getAccessToken', 413)]);
  });

  it('takes a body of exactly the limit', async () => {
    const body = `{"flowId": 3377, "triggerTime": 0, "pad": "`;
    const exact = `${body}${'x'.repeat(DEFAULT_BODY_LIMIT - body.length - 2)}"}`;
    expect(Buffer.byteLength(exact)).toBe(DEFAULT_BODY_LIMIT);
    expect((await signed(exact)).status).toBe(200);
  });

  it('honours a configured limit to the byte, declared or chunked', async () => {
    const small = await startSandbox({ port: 0, bodyLimit: 64 });
    try {
      for (const chunked of [false, true]) {
        const over = await send(small.url, { path: FLOWS_PATH, body: 'x'.repeat(65), chunked });
        expect([chunked, over.status]).toEqual([chunked, 413]);
        const fits = await send(small.url, { path: FLOWS_PATH, body: 'x'.repeat(64), chunked });
        expect([chunked, fits.status]).toEqual([chunked, 401]);
      }
    } finally {
      await small.close();
    }
  });
});

describe('paths and methods', () => {
  const noRoute = { message: 'no Route matched with those values' };
  for (const [method, path] of [
    ['POST', '/'],
    ['GET', FLOWS_PATH],
    ['PUT', TOKEN_PATH],
    ['POST', `${FLOWS_PATH}/`],
    ['POST', '/batch-processing-service/v2.1/flows/3377'],
    ['DELETE', '/__proto__'],
    ['OPTIONS', '*'],
  ]) {
    it(`answers ${method} ${path} with 404`, async () => {
      const res = await send(sandbox.url, { method, path: path as string, body: '{}' });
      expect([res.status, res.json]).toEqual([404, noRoute]);
      expect(res.headers['x-enos-sandbox-reason']).toContain(FLOWS_PATH);
    });
  }

  it('answers an unsigned call with 401 before looking at the body', async () => {
    const res = await send(sandbox.url, {
      path: `${FLOWS_PATH}?action=trigger`,
      headers: { 'content-type': 'application/json', 'apim-accesstoken': String(freshStamp()) },
      body: 'null',
    });
    expect([res.status, res.json]).toEqual([401, gatewayBody('triggerFlow', 401)]);
  });
});
