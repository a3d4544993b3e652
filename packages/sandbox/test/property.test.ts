/**
 * Thousands of generated bad (and some good) requests over real HTTP: every answer must be one
 * the contract documents for the operation (or the sandbox's documented 404 for anything else),
 * and afterwards the sandbox must still accept a valid trigger.
 */
import {
  errorCatalog,
  findOperation,
  gatewayErrors,
  type JsonSchema,
  type OperationId,
} from '@enos-trigger/spec';
import { compileSchema } from '@enos-trigger/spec/validation';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index.js';
import { catalogEntry } from './support/contract.js';
import {
  envelope,
  FLOWS_PATH,
  freshStamp,
  getToken,
  signature,
  TOKEN_PATH,
  trigger,
} from './support/enos.js';
import { type RawResponse, send } from './support/http.js';

const BODY_LIMIT = 4096; // small, so that oversize bodies are cheap to generate
const RUNS = 2000;
let sandbox: Sandbox;
let token: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, bodyLimit: BODY_LIMIT });
  token = await getToken(sandbox.url);
});
afterAll(() => sandbox.close());

/** The answers the contract documents for one operation. */
function documented(operationId: OperationId) {
  const { operation } = findOperation(operationId);
  const schema = operation.responses['200']?.content?.['application/json']?.schema as JsonSchema;
  const validate = compileSchema(schema);
  const errors = new Set(errorCatalog(operationId).map((e) => `${e.code} ${e.message}`));
  // No fault is injected here, so the gateway's 429 and 503 would be wrong, and a 500 would
  // mean the sandbox itself failed.
  const gateway = new Map(
    gatewayErrors(operationId)
      .filter((e) => ![429, 500, 503].includes(e.status))
      .map((e) => [e.status, e.message]),
  );
  return (res: RawResponse): string | undefined => {
    if (res.status === 200) {
      if (!validate(res.json)) return `200 body off the schema: ${res.text}`;
      const { code, status, msg } = res.json as { code?: number; status?: number; msg: string };
      const number = code ?? status;
      if (number !== 0 && !errors.has(`${number} ${msg}`)) return `undocumented error ${res.text}`;
      return undefined;
    }
    const message = gateway.get(res.status);
    if (message === undefined) return `undocumented status ${res.status}`;
    if (JSON.stringify(res.json) !== JSON.stringify({ message })) return `bad body ${res.text}`;
    return undefined;
  };
}

const checks = new Map([
  [FLOWS_PATH, documented('triggerFlow')],
  [TOKEN_PATH, documented('getAccessToken')],
]);
const NO_ROUTE = JSON.stringify({ message: 'no Route matched with those values' });

// ---- generators -------------------------------------------------------------------------

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const nastyNumber = fc.constantFrom(
  '9007199254740993',
  '-9007199254740993',
  '1e400',
  '-0',
  '3377.5',
  '-3377',
  '0',
  '2147483648',
  '1574385824000',
  '3377',
  '253402300800000',
  '-62167219200001',
);
const jsonish = fc.oneof(
  nastyNumber,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  text.map((s) => JSON.stringify(s)),
  fc.constantFrom('null', 'true', '[]', '{}', '"3377"'),
);
const fieldName = fc.oneof(
  fc.constantFrom('flowId', 'triggerTime', '__proto__', 'constructor', 'prototype'),
  text,
);
/** An object body written as text, so numbers beyond 2^53 reach the server as sent. */
const objectBody = fc
  .array(fc.tuple(fieldName, jsonish), { maxLength: 4 })
  .map((fields) => `{${fields.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`);
/** Close to a valid trigger: known flows and plausible times, mixed with nasty values. */
const nearValidBody = fc
  .record({
    flowId: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          '3377',
          '2791',
          '4040',
          '4030',
          '4230',
          '4231',
          '"3377"',
          '9999',
        ),
      },
      { weight: 1, arbitrary: jsonish },
    ),
    triggerTime: fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 4_102_444_800_000 }).map(String) },
      { weight: 1, arbitrary: jsonish },
    ),
    extra: fc.option(fc.tuple(fieldName, jsonish), { freq: 3 }),
  })
  .map(({ flowId, triggerTime, extra }) => {
    const more = extra ? `,${JSON.stringify(extra[0])}:${extra[1]}` : '';
    return `{"flowId":${flowId},"triggerTime":${triggerTime}${more}}`;
  });
const body = fc.oneof(
  { weight: 6, arbitrary: nearValidBody },
  { weight: 3, arbitrary: objectBody },
  { weight: 2, arbitrary: jsonish },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"flowId":', '\u0000', '{"a":1}}') },
  {
    weight: 1,
    arbitrary: fc.integer({ min: BODY_LIMIT - 8, max: BODY_LIMIT + 64 }).map((n) => 'x'.repeat(n)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 32 }).map((a) => Buffer.from(a)) },
);
const queryKey = fc.oneof(fc.constantFrom('action', 'userId', 'orgId', '__proto__'), text);
const queryValue = fc.oneof(
  fc.constantFrom('trigger', 'sandbox-user', 'sandbox-org', 'locked-user', 'other-user', ''),
  text,
);
const user = fc.constantFrom('sandbox-user', 'sandbox-user', 'other-user', 'locked-user', 'nobody');
const org = fc.constantFrom('sandbox-org', 'sandbox-org', 'sandbox-org', 'other-org');
const query = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(user, org, fc.option(fc.tuple(queryKey, queryValue), { freq: 3 }))
      .map(([u, o, more]): [string, string][] => [
        ['action', 'trigger'],
        ['userId', u],
        ['orgId', o],
        ...(more ? [more] : []),
      ]),
  },
  { weight: 1, arbitrary: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }) },
);
const contentType = fc.constantFrom(
  'application/json;charset=UTF-8',
  'application/json;charset=UTF-8',
  'application/json;charset=UTF-8',
  'application/json;charset=UTF-8',
  'application/json',
  'text/plain',
  'application/json; charset=latin1',
  'multipart/form-data; boundary=x',
  undefined,
);
const auth = fc.oneof(
  { weight: 8, arbitrary: fc.constant('signed') },
  { weight: 1, arbitrary: fc.constantFrom('none', 'bad-token', 'bad-signature', 'stale') },
);
const path = fc.oneof(
  { weight: 6, arbitrary: fc.constant(FLOWS_PATH) },
  { weight: 2, arbitrary: fc.constant(TOKEN_PATH) },
  {
    weight: 1,
    arbitrary: fc
      .webPath()
      .map((p) => `/${p.replace(/^\/+/, '')}`)
      .filter((p) => p !== FLOWS_PATH && p !== TOKEN_PATH && !p.startsWith('/__sandbox')),
  },
);
const method = fc.oneof(
  { weight: 10, arbitrary: fc.constant('POST') },
  { weight: 1, arbitrary: fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH') },
);

const request = fc.record({ method, path, query, contentType, auth, body, chunked: fc.boolean() });

type Generated = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function sendGenerated(r: Generated): Promise<RawResponse> {
  const search = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  const headers: Record<string, string> = {};
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.auth !== 'none') {
    const timestamp = String(r.auth === 'stale' ? Date.now() - 3_600_000 : Date.now());
    const accessToken = r.auth === 'bad-token' ? String(freshStamp()) : token;
    const secret = r.auth === 'bad-signature' ? 'guess' : 'sandbox-app-secret';
    headers['apim-accesstoken'] = accessToken;
    headers['apim-timestamp'] = timestamp;
    headers['apim-signature'] = signature(accessToken, r.query, r.body, timestamp, secret);
  }
  return send(sandbox.url, {
    method: r.method,
    path: `${r.path}${search.length ? `?${search.join('&')}` : ''}`,
    headers,
    body: r.body,
    // node's client frames a chunked body only on POST; on GET it would send bare bytes.
    chunked: r.chunked && r.method === 'POST',
  });
}

describe('generated requests', () => {
  it(`get a documented answer, ${RUNS} times over, and the sandbox keeps serving`, async () => {
    const statuses = new Map<number, number>();
    const codes = new Set<number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await sendGenerated(r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status === 200 && r.path === FLOWS_PATH) codes.add(envelope(res).code);
        const known = r.method === 'POST' ? checks.get(r.path) : undefined;
        const problem = known
          ? known(res)
          : res.status === 404 && res.text === NO_ROUTE
            ? undefined
            : `not 404: ${res.text}`;
        expect(
          problem,
          JSON.stringify({ ...r, body: String(r.body).slice(0, 200) }),
        ).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
    // The generators reached every kind of answer, not only one.
    expect([...statuses.keys()].sort()).toEqual([200, 400, 401, 404, 413]);
    // ...and past validation into the business rules (62101 needs a request the contract accepts).
    for (const name of ['userNotInOrg', 'invalidRequestBody']) {
      expect(codes).toContain(catalogEntry('triggerFlow', name).code);
    }
    const res = await trigger(sandbox.url, token, 3377, Date.now() - 120 * 86_400_000);
    expect(envelope(res).code).toBe(0);
  }, 60_000);
});
