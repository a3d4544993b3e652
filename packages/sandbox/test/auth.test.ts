import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ManualClock, manualClock, type Sandbox, startSandbox } from '../src/index.js';
import { gatewayBody, tokenError } from './support/contract.js';
import {
  APP,
  encryption,
  envelope,
  FLOWS_PATH,
  freshStamp,
  getToken,
  requestToken,
  signedTrigger,
  tokenBody,
  triggerQuery,
} from './support/enos.js';
import { send } from './support/http.js';

const SEED_BODY = '{"flowId":3377,"triggerTime":1574385824000}';
const MINUTE = 60_000;
let sandbox: Sandbox;
let clock: ManualClock;
const logged: string[] = [];

beforeAll(async () => {
  clock = manualClock();
  sandbox = await startSandbox({ port: 0, clock, log: (line) => logged.push(line) });
});
afterAll(() => sandbox.close());

describe('the token endpoint', () => {
  it('issues a token for a correct encryption, and the same token while it is valid', async () => {
    const first = await requestToken(sandbox.url, tokenBody());
    expect(first.status).toBe(200);
    const { status, msg, business, data } = first.json as {
      status: number;
      msg: string;
      business: string;
      data: { accessToken: string; expire: number };
    };
    expect({ status, msg, business }).toEqual({
      status: 0,
      msg: 'SUCCESS',
      business: 'apim-token-service',
    });
    expect(data.expire).toBe(7200);
    clock.advance(1000);
    const again = await requestToken(sandbox.url, tokenBody());
    const later = (again.json as { data: { accessToken: string; expire: number } }).data;
    expect(later.accessToken).toBe(data.accessToken);
    expect(later.expire).toBe(7199);
  });

  it('answers a replayed encryption with 1001', async () => {
    const body = tokenBody();
    expect((await requestToken(sandbox.url, body)).json).toMatchObject({ status: 0 });
    const replay = await requestToken(sandbox.url, body);
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(tokenError('duplicatedEncryption'));
  });

  it('answers an unknown appKey with 1002 and a wrong encryption with 1003', async () => {
    const stranger = tokenBody(freshStamp(), { appKey: 'nobody', appSecret: 'x' });
    expect((await requestToken(sandbox.url, stranger)).json).toEqual(tokenError('appKeyNotFound'));
    const wrongSecret = tokenBody(freshStamp(), { ...APP, appSecret: 'guess' });
    expect((await requestToken(sandbox.url, wrongSecret)).json).toEqual(
      tokenError('invalidEncryption'),
    );
  });

  it('answers a missing or empty field with 1202 and a wrong one with 1004', async () => {
    const now = freshStamp();
    const enc = encryption(APP.appKey, now, APP.appSecret);
    const cases: [unknown, string][] = [
      [{ appKey: APP.appKey, timestamp: now }, 'emptyParameter'],
      [{ appKey: '', encryption: enc, timestamp: now }, 'emptyParameter'],
      [{ appKey: APP.appKey, encryption: null, timestamp: now }, 'emptyParameter'],
      [{ appKey: APP.appKey, encryption: enc, timestamp: String(now) }, 'invalidParameter'],
      [{ appKey: APP.appKey, encryption: 'not-hex', timestamp: now }, 'invalidParameter'],
      [[APP.appKey, enc, now], 'invalidParameter'],
      [{ appKey: APP.appKey, encryption: enc, timestamp: now - 10 * MINUTE }, 'invalidParameter'],
    ];
    for (const [body, answer] of cases) {
      const res = await requestToken(sandbox.url, JSON.stringify(body));
      expect([JSON.stringify(body), res.json]).toEqual([JSON.stringify(body), tokenError(answer)]);
    }
    const notJson = await requestToken(sandbox.url, '{"appKey":');
    expect(notJson.json).toEqual(tokenError('invalidParameter'));
  });
});

describe('the signature on Trigger Flow', () => {
  it('lets a correctly signed call through', async () => {
    const token = await getToken(sandbox.url);
    const res = await signedTrigger(sandbox.url, { token, body: SEED_BODY });
    expect(envelope(res).code).toBe(0);
  });

  it('answers 401 with the gateway body for every missing or bad credential', async () => {
    const token = await getToken(sandbox.url);
    const unauthorized = gatewayBody('triggerFlow', 401);
    const calls: [string, Parameters<typeof signedTrigger>[1]][] = [
      ['unknown token', { token: 'not-a-token', body: SEED_BODY }],
      ['wrong secret', { token, body: SEED_BODY, appSecret: 'guess' }],
      [
        'body changed after signing',
        {
          token,
          body: SEED_BODY,
          tamper: (c) => {
            c.body = String(c.body).replace('3377', '2791');
          },
        },
      ],
      [
        'query changed after signing',
        { token, body: SEED_BODY, tamper: (c) => (c.path = c.path.replace('sandbox-org', 'x')) },
      ],
      [
        'timestamp too old',
        { token, body: SEED_BODY, timestamp: String(Date.now() - 10 * MINUTE) },
      ],
      [
        'timestamp too new',
        { token, body: SEED_BODY, timestamp: String(Date.now() + 10 * MINUTE) },
      ],
      ['timestamp not a number', { token, body: SEED_BODY, timestamp: 'yesterday' }],
      [
        'no signature',
        { token, body: SEED_BODY, tamper: (c) => delete c.headers['apim-signature'] },
      ],
      [
        'no timestamp',
        { token, body: SEED_BODY, tamper: (c) => delete c.headers['apim-timestamp'] },
      ],
      ['no token', { token, body: SEED_BODY, tamper: (c) => delete c.headers['apim-accesstoken'] }],
    ];
    for (const [what, call] of calls) {
      const res = await signedTrigger(sandbox.url, call);
      expect([what, res.status, res.json]).toEqual([what, 401, unauthorized]);
      expect(res.headers['x-enos-sandbox-reason']).toBeTruthy();
    }
  });

  it('accepts a timestamp inside the window on either side', async () => {
    const token = await getToken(sandbox.url);
    for (const offset of [-4 * MINUTE, 4 * MINUTE]) {
      const res = await signedTrigger(sandbox.url, {
        token,
        body: SEED_BODY,
        timestamp: String(Date.now() + offset),
      });
      expect(res.status).toBe(200);
    }
  });

  it('accepts a replayed signed call inside the window (README: not documented for EnOS)', async () => {
    const token = await getToken(sandbox.url);
    const call = { token, body: SEED_BODY, timestamp: String(Date.now()) };
    const first = await signedTrigger(sandbox.url, call);
    const replay = await signedTrigger(sandbox.url, call);
    expect([first.status, replay.status]).toEqual([200, 200]);
  });

  it('refuses a token once it has expired on the sandbox clock', async () => {
    const token = await getToken(sandbox.url);
    clock.advance(7200 * 1000);
    const res = await signedTrigger(sandbox.url, { token, body: SEED_BODY });
    expect(res.status).toBe(401);
    const fresh = await getToken(sandbox.url);
    expect(fresh).not.toBe(token);
    expect((await signedTrigger(sandbox.url, { token: fresh, body: SEED_BODY })).status).toBe(200);
  });

  it('signs the query as decoded parameters, repeats included', async () => {
    const token = await getToken(sandbox.url);
    const query = triggerQuery('sandbox-user', 'sandbox-org');
    query.push(['note', 'a b&c']);
    const res = await signedTrigger(sandbox.url, { token, body: SEED_BODY, query });
    expect(res.status).toBe(200);
  });
});

describe('secrets', () => {
  it('never appear in an answer, a reason or a log line', async () => {
    const token = await getToken(sandbox.url);
    const answers = [
      await signedTrigger(sandbox.url, { token, body: SEED_BODY, appSecret: 'guess' }),
      await signedTrigger(sandbox.url, { token, body: SEED_BODY }),
      await requestToken(sandbox.url, tokenBody(freshStamp(), { ...APP, appSecret: 'guess' })),
      await send(sandbox.url, { method: 'GET', path: '/__sandbox/flows' }),
      await send(sandbox.url, { path: `${FLOWS_PATH}?action=trigger`, body: '{}' }),
    ];
    const seen = [...answers.map((a) => JSON.stringify([a.headers, a.text])), ...logged].join('\n');
    expect(logged.length).toBeGreaterThan(10);
    expect(seen).not.toContain(APP.appSecret);
    expect(seen).not.toContain(token);
  });
});
