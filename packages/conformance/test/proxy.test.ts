/**
 * The signing proxy against the real sandbox: a caller that knows nothing of APIM signing
 * (plain fetch, as curl) triggers a flow and reads its instance; the proxy strips what a caller
 * sends as credentials, refreshes its token before it expires and after a 401, and refuses
 * what it must not sign. Against hostile upstreams (a huge answer, a redirect, a hang, a closed
 * port) it answers its documented 502s and keeps serving. Closing it lets calls in flight get
 * their answers, or cuts them off (proxy-stopping), the token request too; a caller that waits
 * callerWaitMs gets the answer of a call that needed a token first.
 */

import { once } from 'node:events';
import {
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestSignature } from '@enos-trigger/client';
import {
  conformanceFixtures,
  defaultFixtures,
  type Fixtures,
  type Sandbox,
  startSandbox,
} from '@enos-trigger/sandbox';
import { operationRoute, securityHeaderNames } from '@enos-trigger/spec';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { contractView } from '../src/contract/view.js';
import { TOKEN_ATTEMPTS } from '../src/http/token-collisions.js';
import { PROXY_ERROR_HEADER, PROXY_ERRORS } from '../src/proxy/errors.js';
import { callerWaitMs, startSigningProxy } from '../src/proxy/server.js';

const SECRET = 'Zq8Kp3Vx7Lm2Rt9Wb4Hc';
const fixtures: Fixtures = {
  ...defaultFixtures,
  apps: [{ appKey: 'proxy-test-app', appSecret: SECRET, tokenLifetimeSeconds: 120 }],
};
const offered = conformanceFixtures(fixtures);
if (!offered) throw new Error('the test fixtures offer no flow to trigger');
const { user, flowId } = offered;
const trigger = operationRoute('triggerFlow');
const get = operationRoute('getFlowInstance');

/**
 * A past trigger time in its own minute: `n` minutes before an hour before the file started.
 * The hour is fixed once, so that two numbers never name one minute, however long the tests take
 * (read from the clock at each call, minute(12) one minute later was minute(11)'s: a duplicate).
 */
const HOUR_AGO = Math.floor(Date.now() / 60_000) - 60;
const minute = (n: number) => (HOUR_AGO - n) * 60_000 + 7_000;

function triggerUrl(base: string): string {
  const query = new URLSearchParams({
    ...trigger.fixedQuery,
    userId: user.userId,
    orgId: user.orgId,
  });
  return `${base}${trigger.path}?${query}`;
}

async function plainTrigger(
  base: string,
  triggerTime: number,
  headers: Record<string, string> = {},
) {
  const response = await fetch(triggerUrl(base), {
    method: trigger.method,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ flowId, triggerTime }),
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

const started: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function proxyTo(
  server: string,
  extra: Partial<Parameters<typeof startSigningProxy>[0]> = {},
) {
  const lines: string[] = [];
  const proxy = await startSigningProxy({
    server,
    appKey: 'proxy-test-app',
    appSecret: SECRET,
    log: (line) => lines.push(line),
    ...extra,
  });
  started.push(proxy);
  return { proxy, lines };
}

describe('the signing proxy in front of the sandbox', () => {
  let sandbox: Sandbox;
  const sandboxLog: string[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, fixtures, log: (line) => sandboxLog.push(line) });
  });
  afterAll(() => sandbox.close());

  it("signs a plain trigger, then a Get in Respect's form of a path-key URL", async () => {
    const { proxy, lines } = await proxyTo(sandbox.url);
    const triggered = await plainTrigger(proxy.url, minute(1));
    expect(triggered.status).toBe(200);
    expect(triggered.json.code).toBe(0);
    const id = triggered.json.data.flowInstanceId as string;
    // Respect 2.77 appends the step's query to the key's own with a second `?`.
    const query = new URLSearchParams({ flowInstId: id, userId: user.userId, orgId: user.orgId });
    const respectUrl = `${proxy.url}${get.pathKey}?${query}`;
    expect(respectUrl.split('?')).toHaveLength(3);
    const got = await fetch(respectUrl);
    const body = await got.json();
    expect(got.status).toBe(200);
    expect(body.code).toBe(0);
    expect(body.data.instanceId).toBe(id);
    expect(lines).toEqual([
      expect.stringMatching(/^POST \/batch-processing-service\/v2\.1\/flows 200 \d+ ms$/),
      expect.stringMatching(/^GET \/batch-processing-service\/v2\.1\/flowInstances 200 \d+ ms$/),
    ]);
  });

  it('takes no credential from a caller: its own token and signature replace them', async () => {
    const { proxy } = await proxyTo(sandbox.url);
    const forged = Object.fromEntries(securityHeaderNames('triggerFlow').map((n) => [n, 'forged']));
    const triggered = await plainTrigger(proxy.url, minute(2), {
      ...forged,
      authorization: 'Bearer forged',
    });
    expect(triggered.json.code).toBe(0);
  });

  it('asks for a token again before it expires, and after the upstream refuses one (401)', async () => {
    const clockedLog: string[] = [];
    const clocked = await startSandbox({
      port: 0,
      fixtures,
      clock: 'manual',
      log: (line) => clockedLog.push(line),
    });
    started.push(clocked);
    let now = Date.now();
    const { proxy } = await proxyTo(clocked.url, { now: () => now });
    const tokenRequests = () => clockedLog.filter((l) => l.includes('/token/')).length;
    const advance = (ms: number, { proxyToo = true } = {}) => {
      clocked.advanceClock(ms);
      if (proxyToo) now += ms;
    };
    expect((await plainTrigger(proxy.url, minute(10))).json.code).toBe(0);
    expect(tokenRequests()).toBe(1);
    advance(90_000); // 120 s tokens are kept 96 s
    expect((await plainTrigger(proxy.url, minute(11))).json.code).toBe(0);
    expect(tokenRequests()).toBe(1);
    advance(10_000); // 100 s: the same token again, with 20 s left
    expect((await plainTrigger(proxy.url, minute(12))).json.code).toBe(0);
    expect(tokenRequests()).toBe(2);
    advance(30_000); // 130 s: the first token has expired; the proxy asked for a new one
    expect((await plainTrigger(proxy.url, minute(13))).json.code).toBe(0);
    expect(tokenRequests()).toBe(3);
    // The upstream's clock runs ahead of the proxy's: its token expires unseen, and a call is
    // refused (401). The proxy forgets that token, and the next call gets another.
    advance(200_000, { proxyToo: false });
    expect((await plainTrigger(proxy.url, minute(14))).status).toBe(401);
    expect((await plainTrigger(proxy.url, minute(15))).json.code).toBe(0);
    expect(tokenRequests()).toBe(4);
  });

  it('refuses what it must not sign, in its documented shape, and keeps serving', async () => {
    const { proxy, lines } = await proxyTo(sandbox.url, { maxRequestBytes: 2048 });
    const refused = async (response: Response, code: keyof typeof PROXY_ERRORS) => {
      expect(response.status).toBe(PROXY_ERRORS[code]);
      expect(response.headers.get(PROXY_ERROR_HEADER)).toBe(code);
      const body = await response.json();
      expect(body).toEqual({ message: expect.any(String), proxyError: code });
      return body.message as string;
    };
    const url = triggerUrl(proxy.url);
    expect(await refused(await fetch(`${proxy.url}/not/an/operation`), 'no-operation')).toContain(
      'GET /not/an/operation',
    );
    expect(
      await refused(
        await fetch(url, { method: 'POST', body: 'x'.repeat(4096) }),
        'request-too-large',
      ),
    ).toContain('2048 bytes (--max-request-bytes)');
    await refused(
      await fetch(url, { method: 'POST', body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }),
      'bad-request',
    );
    await refused(
      await fetch(url, { method: 'POST', headers: { origin: 'https://evil.example' }, body: '{}' }),
      'caller-refused',
    );
    // fetch will not send another Host: a DNS-rebound page's request, by hand.
    const rebound = await new Promise<{ status?: number; code?: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { host: `evil.example:${proxy.port}` } });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode, code: res.headers[PROXY_ERROR_HEADER] as string });
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toEqual({ status: 403, code: 'caller-refused' });
    const before = sandboxLog.length;
    expect((await plainTrigger(proxy.url, minute(3))).json.code).toBe(0);
    expect(sandboxLog.length).toBeGreaterThan(before);
    expect(
      lines.filter((l) => / (no-operation|request-too-large|bad-request|caller-refused) /.test(l)),
    ).toHaveLength(5);
  });

  it('answers token-refused for credentials the token service refuses, without them', async () => {
    const wrong = 'Wr0ngSecretValue42xy';
    const proxy = await startSigningProxy({
      server: sandbox.url,
      appKey: 'proxy-test-app',
      appSecret: wrong,
    });
    started.push(proxy);
    const response = await fetch(triggerUrl(proxy.url), { method: 'POST', body: '{}' });
    expect(response.status).toBe(502);
    const body = await response.json();
    expect(body.proxyError).toBe('token-refused');
    expect(body.message).toContain('--app-secret');
    expect(JSON.stringify(body)).not.toContain(wrong);
  });
});

/** An upstream that behaves as `answer` says, recording what reached it. */
async function hostile(answer: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req);
    answer(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, seen, close };
}

/** A token answer, then `call` for the signed call. */
function tokenThen(call: (req: IncomingMessage, res: ServerResponse) => void) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith(operationRoute('getAccessToken').path)) {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 0,
          msg: 'SUCCESS',
          data: { accessToken: 'T0kenFromHostile1', expire: 7200 },
        }),
      );
      return;
    }
    call(req, res);
  };
}

describe('the signing proxy in front of a hostile upstream', () => {
  it.each([
    [
      'an answer over --max-response-bytes',
      'upstream-too-large',
      'larger than 1048576 bytes (--max-response-bytes)',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.setHeader('content-type', 'application/json');
        // Streamed without a length: the proxy must count, not trust a header.
        const chunk = 'x'.repeat(64 * 1024);
        let sent = 0;
        const pump = () => {
          while (sent < 64 && res.write(chunk)) sent += 1;
          if (sent < 64) res.once('drain', pump);
          else res.end();
        };
        pump();
      },
    ],
    [
      'a redirect',
      'upstream-redirect',
      'answered HTTP 307, a redirect',
      (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(307, { location: 'http://127.0.0.1:9/elsewhere' });
        res.end();
      },
    ],
    [
      'no answer at all',
      'upstream-timeout',
      'no complete answer within 1.5 s (--request-timeout)',
      () => {},
    ],
  ] as const)('%s gives %s, and the proxy keeps serving', async (_what, code, says, call) => {
    const upstream = await hostile(tokenThen(call));
    started.push(upstream);
    const { proxy, lines } = await proxyTo(upstream.url, {
      maxResponseBytes: 1024 * 1024,
      requestTimeoutMs: 1500,
    });
    // The test's timeout is the hang guard: the wait's bound is the one the answer names.
    const response = await fetch(triggerUrl(proxy.url), { method: 'POST', body: '{"flowId":1}' });
    expect(response.status).toBe(502);
    expect(response.headers.get(PROXY_ERROR_HEADER)).toBe(code);
    const body = await response.json();
    expect(body.proxyError).toBe(code);
    expect(body.message).toContain(says);
    // The signed call reached the upstream once, and a redirect was not followed.
    expect(upstream.seen.filter((req) => req.url?.startsWith(trigger.path))).toHaveLength(1);
    expect(lines.at(-1)).toContain(` 502 ${code} `);
    // Still serving: the next bad call is answered too.
    expect((await fetch(`${proxy.url}/nothing`)).status).toBe(404);
  });

  it('gives upstream-unreachable for a port nothing listens on', async () => {
    const gone = await hostile(() => {});
    await gone.close();
    const { proxy } = await proxyTo(gone.url);
    const response = await fetch(triggerUrl(proxy.url), { method: 'POST', body: '{}' });
    expect(response.status).toBe(502);
    expect((await response.json()).proxyError).toBe('upstream-unreachable');
  });

  it('sends the documented signature, and an echoed token or secret never reaches the caller', async () => {
    let received: IncomingMessage | undefined;
    let receivedBody = '';
    const upstream = await hostile(
      tokenThen((req, res) => {
        received = req;
        req.on('data', (c: Buffer) => {
          receivedBody += c.toString('utf8');
        });
        req.on('end', () => {
          res.setHeader('content-type', 'application/json');
          res.setHeader('x-echo', `token T0kenFromHostile1 secret ${SECRET}`);
          res.end(JSON.stringify({ code: 0, echo: `T0kenFromHostile1 ${SECRET}` }));
        });
      }),
    );
    started.push(upstream);
    const { proxy, lines } = await proxyTo(upstream.url);
    const body = JSON.stringify({ flowId, triggerTime: minute(1) });
    const response = await fetch(triggerUrl(proxy.url), {
      method: 'POST',
      headers: { cookie: 'session=1', 'content-type': 'text/plain' },
      body,
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('T0kenFromHostile1');
    expect(response.headers.get('x-echo')).not.toContain(SECRET);
    expect(lines.join('\n')).not.toMatch(/T0kenFromHostile1|Zq8Kp3/);
    const headers = received?.headers ?? {};
    expect(headers.cookie).toBeUndefined();
    expect(headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(receivedBody).toBe(body);
    const names = contractView().headers;
    const [accessToken, signature, timestamp] = [
      names.accessToken,
      names.signature,
      names.timestamp,
    ].map((name) => headers[name.toLowerCase()] as string);
    expect(accessToken).toBe('T0kenFromHostile1');
    const query = new URL(received?.url ?? '', 'http://x').searchParams;
    expect(signature).toBe(
      await requestSignature({
        accessToken: String(accessToken),
        query,
        body,
        timestamp: Number(timestamp),
        appSecret: SECRET,
      }),
    );
  });
});

const TOKEN_PATH = operationRoute('getAccessToken').path;
const ACCESS_TOKEN_HEADER = contractView().headers.accessToken.toLowerCase();

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function tokenAnswer(res: ServerResponse, accessToken: string): void {
  answerJson(res, 200, { status: 0, msg: 'SUCCESS', data: { accessToken, expire: 7200 } });
}

/** A promise and the function that resolves it. */
function signal<T = void>() {
  let fire!: (value: T) => void;
  const fired = new Promise<T>((resolve) => {
    fire = resolve;
  });
  return { fire, fired };
}

describe('closing the signing proxy', () => {
  it('lets a call in flight get its answer, then accepts no more', async () => {
    const arrived = signal<ServerResponse>();
    const upstream = await hostile(tokenThen((_req, res) => arrived.fire(res)));
    started.push(upstream);
    const { proxy } = await proxyTo(upstream.url, { requestTimeoutMs: 120_000 });
    const response = fetch(triggerUrl(proxy.url), { method: 'POST', body: '{}' });
    const held = await arrived.fired;
    const closed = proxy.close();
    answerJson(held, 200, { code: 0, msg: 'OK' });
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(await answered.json()).toEqual({ code: 0, msg: 'OK' });
    await closed;
    await expect(fetch(triggerUrl(proxy.url), { method: 'POST', body: '{}' })).rejects.toThrow();
  });

  it.each([
    ['waiting for its token', true],
    ['waiting for the upstream', false],
  ])(
    'close(0) cuts off a call %s: proxy-stopping, and the upstream request ends',
    async (_what, atToken) => {
      const held = signal<IncomingMessage>();
      const upstream = await hostile((req, res) => {
        if (req.url?.startsWith(TOKEN_PATH) && !atToken) tokenAnswer(res, 'T0kenFromHostile1');
        else held.fire(req);
      });
      started.push(upstream);
      // Far longer than the test may take: only the cut-off can end the call in time.
      const { proxy, lines } = await proxyTo(upstream.url, { requestTimeoutMs: 120_000 });
      const response = fetch(triggerUrl(proxy.url), { method: 'POST', body: '{}' });
      const request = await held.fired;
      expect(request.url?.startsWith(TOKEN_PATH)).toBe(atToken);
      const upstreamEnded = once(request.socket, 'close');
      await proxy.close(0);
      const answered = await response;
      expect(answered.status).toBe(503);
      expect(answered.headers.get(PROXY_ERROR_HEADER)).toBe('proxy-stopping');
      expect((await answered.json()).message).toContain('may or may not have reached the upstream');
      await upstreamEnded;
      expect(lines.at(-1)).toContain(' 503 proxy-stopping ');
    },
  );
});

describe('the signing proxy and its secrets', () => {
  it('warns once that an app secret too short to redact is not redacted, never quoting it, and serves', async () => {
    const upstream = await hostile(tokenThen((_req, res) => answerJson(res, 200, { code: 0 })));
    started.push(upstream);
    const { proxy, lines } = await proxyTo(upstream.url, { appSecret: 'q7Z' });
    for (const _ of [1, 2]) {
      const response = await fetch(triggerUrl(proxy.url), { method: 'POST', body: '{}' });
      expect(response.status).toBe(200);
    }
    expect(lines.filter((line) => line.startsWith('Warning:'))).toEqual([
      expect.stringMatching(/^Warning: The app secret is shorter than 8 characters/),
    ]);
    expect(lines.join('\n')).not.toContain('q7Z');
  });

  it('redacts each new token from the answers of an upstream that refuses every token', async () => {
    let issued = 0;
    const upstream = await hostile((req, res) => {
      if (req.url?.startsWith(TOKEN_PATH)) {
        issued += 1;
        tokenAnswer(res, `Rotating-token-${String(issued).padStart(4, '0')}`);
        return;
      }
      const token = String(req.headers[ACCESS_TOKEN_HEADER]);
      answerJson(res, 401, { message: `token ${token} refused` });
    });
    started.push(upstream);
    const { proxy, lines } = await proxyTo(upstream.url);
    for (let call = 1; call <= 20; call += 1) {
      const response = await fetch(triggerUrl(proxy.url), { method: 'POST', body: '{}' });
      expect(response.status).toBe(401);
      expect(await response.text()).toBe(JSON.stringify({ message: 'token [redacted] refused' }));
    }
    expect(issued).toBe(20);
    expect(lines.join('\n')).not.toContain('Rotating-token-');
  });
});

describe('callerWaitMs', () => {
  it('covers a token request and the call, each taking most of the upstream wait', async () => {
    const timeoutMs = 3000;
    expect(callerWaitMs(timeoutMs)).toBeGreaterThanOrEqual((TOKEN_ATTEMPTS + 1) * timeoutMs);
    // Each within the proxy's wait; both together longer than one such wait.
    const slow = 0.6 * timeoutMs;
    const upstream = await hostile((req, res) => {
      setTimeout(() => {
        if (req.url?.startsWith(TOKEN_PATH)) tokenAnswer(res, 'T0kenFromHostile1');
        else answerJson(res, 200, { code: 0, msg: 'OK' });
      }, slow);
    });
    started.push(upstream);
    const { proxy } = await proxyTo(upstream.url, { requestTimeoutMs: timeoutMs });
    const response = await fetch(triggerUrl(proxy.url), {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(callerWaitMs(timeoutMs)),
    });
    expect(response.status).toBe(200);
  });
});
