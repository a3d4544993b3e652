/**
 * The client against hostile servers over real HTTP on 127.0.0.1: an answer of 2 GiB (streamed
 * lazily, never allocated), a server that echoes the request's headers and body back in every
 * field and every encoding, redirects to another origin, a gateway that answers 503 after the
 * trigger was accepted, and a server whose answer is not HTTP.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, promisify } from 'node:util';
import { errorCatalog, findOperation } from '@enos-trigger/spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sameMinuteCode, triggerFlowAdvice } from '../../src/generated/contract.js';
import {
  createTriggerFlowClient,
  type TriggerFlowResult,
  type TriggerFlowSuccess,
  unwrap,
} from '../../src/index.js';
import { failureOf, SEED, scriptClient } from '../helpers/clients.js';
import {
  exampleValue,
  SCRIPT_APP,
  type ScriptedAnswer,
  type ScriptedRequest,
  type ScriptServer,
  startScriptServer,
} from '../helpers/script-server.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '../..');
const GIB_2 = 2 ** 31;
const MIB = 2 ** 20;
const TRIGGER_PATH = findOperation('triggerFlow').path;
const TOKEN_PATH = findOperation('getAccessToken').path;

/** The value of a named example of Trigger Flow's 200 answer. */
const triggerExample = (name: string): unknown => exampleValue('triggerFlow', name);

let server: ScriptServer;
beforeAll(async () => {
  server = await startScriptServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());
const triggers = () => server.log.filter((entry) => entry.path.endsWith('/flows'));

describe('an answer of 2 GiB', () => {
  it.each([
    ['announced by Content-Length', true],
    ['chunked, with no length', false],
  ])(
    'to the trigger, %s: read up to 1 MiB, then unexpected-response that may have started a run',
    async (_name, contentLength) => {
      server.triggerAnswers.push({ stream: { bytes: GIB_2, contentLength } });
      const started = performance.now();
      const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
      const ms = performance.now() - started;
      expect(failure).toMatchObject({
        kind: 'unexpected-response',
        status: 200,
        mayHaveTriggered: true,
      });
      expect(failure.message).toContain('maxResponseBytes (1048576 B)');
      expect(failure.message).toMatch(/check the flow's instances/);
      expect(ms).toBeLessThan(5000);
      // The client hung up: the server wrote little more than the cap and the socket's buffers.
      expect(await server.streamed.at(-1)).toBeLessThan(64 * MIB);
    },
  );

  it('to the token request: unexpected-response, nothing sent, nothing started', async () => {
    server.tokenAnswers.push({ stream: { bytes: GIB_2 } });
    const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
    expect(failure).toMatchObject({
      kind: 'unexpected-response',
      status: 200,
      mayHaveTriggered: false,
    });
    expect(failure.message).toMatch(/maxResponseBytes .*Nothing was started\.$/);
    expect(triggers()).toEqual([]);
    expect(await server.streamed.at(-1)).toBeLessThan(64 * MIB);
  });

  it('costs the client process little time and memory (measured in a child process)', {
    timeout: 60_000,
  }, async () => {
    server.triggerAnswers.push({ stream: { bytes: GIB_2 } });
    const tsx = join(packageDir, '../../node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(
      tsx,
      ['test/helpers/huge-answer-client.ts', server.url, `${GIB_2 / 2}`],
      { cwd: packageDir, timeout: 50_000 },
    );
    const run = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      ms: number;
      baselineRss: number;
      sampledPeakRss: number;
      maxRss: number;
      result?: TriggerFlowResult;
      stopped?: string;
    };
    const mb = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
    console.log(
      `2 GiB answer: ${run.ms} ms, RSS ${mb(run.baselineRss)} before the call, peak ${mb(
        run.sampledPeakRss,
      )} sampled, ${mb(run.maxRss)} kernel maximum, ${mb((await server.streamed.at(-1)) ?? 0)} sent by the server`,
    );
    expect(run.stopped).toBeUndefined();
    expect(run.result).toMatchObject({
      ok: false,
      error: { kind: 'unexpected-response', mayHaveTriggered: true },
    });
    expect(run.ms).toBeLessThan(10_000);
    expect(run.maxRss - run.baselineRss).toBeLessThan(128 * MIB);
  });

  it('the time limit still covers reading the body: a trickle under the cap times out', async () => {
    server.triggerAnswers.push({ stream: { bytes: GIB_2, chunkBytes: 16, intervalMs: 20 } });
    const started = performance.now();
    const failure = failureOf(await scriptClient(server, { timeoutMs: 300 }).triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'timeout', timeoutMs: 300, mayHaveTriggered: true });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await server.streamed.at(-1)).toBeLessThan(MIB);
  });

  it('a retried 503 with a huge body is not read: the retry goes through', async () => {
    server.triggerAnswers.push({ status: 503, stream: { bytes: GIB_2 } });
    const result = await scriptClient(server, { retry: { baseDelayMs: 1 } }).triggerFlow(SEED);
    expect(result).toMatchObject({ ok: true, flowInstanceId: '3377-20191122012300' });
    expect(await server.streamed.at(-1)).toBeLessThan(64 * MIB);
  });
});

describe('maxResponseBytes', () => {
  /** A success answer of exactly `bytes` bytes. */
  function successOf(bytes: number): ScriptedAnswer {
    const answer = { code: 0, msg: 'OK', data: { flowInstanceId: '3377-20191122012300' } };
    const pad = bytes - JSON.stringify({ ...answer, pad: '' }).length;
    return { body: JSON.stringify({ ...answer, pad: 'x'.repeat(pad) }) };
  }

  it('is 1 MiB by default, and can be raised: an answer of exactly the cap is read', async () => {
    server.triggerAnswers.push(successOf(MIB), successOf(MIB + 1), successOf(2 * MIB));
    expect((await scriptClient(server).triggerFlow(SEED)).ok).toBe(true);
    expect(failureOf(await scriptClient(server).triggerFlow(SEED))).toMatchObject({
      kind: 'unexpected-response',
      mayHaveTriggered: true,
    });
    const raised = scriptClient(server, { maxResponseBytes: 2 * MIB });
    expect(await raised.triggerFlow(SEED)).toMatchObject({ ok: true });
  });

  it('can be lowered, and counts bytes, not characters', async () => {
    // 'é' is two bytes in UTF-8: 100 characters, 200 bytes.
    server.triggerAnswers.push({ body: { code: 62104, msg: 'é'.repeat(100), data: null } });
    const failure = failureOf(
      await scriptClient(server, { maxResponseBytes: 150 }).triggerFlow(SEED),
    );
    expect(failure).toMatchObject({ kind: 'unexpected-response', mayHaveTriggered: true });
    expect(failure.message).toContain('maxResponseBytes (150 B)');
  });

  it.each([0, -1, Number.NaN])('refuses %s at once, by name', (maxResponseBytes) => {
    expect(() =>
      createTriggerFlowClient({ baseUrl: server.url, ...SCRIPT_APP, maxResponseBytes }),
    ).toThrow(/maxResponseBytes/);
  });
});

describe('a server that echoes the request', () => {
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  const base64url = (text: string) => Buffer.from(text).toString('base64url');
  const escaped = (text: string) =>
    [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

  /** The secret in every form the echo sends it. */
  const forms = (secret: string) => [
    secret,
    secret.toUpperCase(),
    secret.toLowerCase(),
    base64(secret),
    base64url(secret),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];

  /**
   * The echo of a request: its headers and body as they came, the token it carries and the app
   * secret (as a server that knows it would) in every form, and the whole request in base64 at
   * each of the three alignments.
   */
  const echo = ({ headers, body }: ScriptedRequest) => {
    const request = JSON.stringify({ headers, body });
    return [
      request,
      ...forms(String(headers['apim-accesstoken'] ?? '')),
      ...forms(SCRIPT_APP.appSecret),
      base64(request),
      base64url(`x${request}`),
      base64(`xy${request}`),
    ].join(' ');
  };

  /** Where `text` shows `secret`: in any letter case, URL-encoded, or inside a base64 run. */
  function leaks(text: string, secret: string): string[] {
    const found = [secret, encodeURIComponent(secret)].filter((form) =>
      text.toLowerCase().includes(form.toLowerCase()),
    );
    for (const run of text.match(/[\w+/=-]{8,}/g) ?? []) {
      for (const skip of [0, 1, 2, 3]) {
        for (const decoded of [
          Buffer.from(run.slice(skip), 'base64').toString('latin1'),
          Buffer.from(run.slice(skip), 'base64url').toString('latin1'),
        ]) {
          if (decoded.includes(secret)) found.push(`base64 ${run}`);
        }
      }
    }
    return found;
  }

  /** Every text a caller can get from a result: JSON, inspect, and what unwrap() throws. */
  function texts(result: TriggerFlowResult): string[] {
    const all = [JSON.stringify(result), inspect(result, { depth: null, showHidden: true })];
    if (!result.ok) {
      all.push(result.error.message);
      try {
        unwrap(result);
      } catch (error) {
        all.push(
          String(error),
          `${(error as Error).stack}`,
          JSON.stringify(error),
          inspect(error, { depth: null, showHidden: true }),
        );
      }
    }
    return all;
  }

  function expectNoSecret(result: TriggerFlowResult, secrets: string[]) {
    for (const text of texts(result)) {
      for (const secret of secrets) expect(leaks(text, secret)).toEqual([]);
    }
  }

  const cannotCreate = triggerExample('cannotCreateInstance') as object;
  // [name, answers, kind (or 'ok'), mayHaveTriggered, whether the result keeps text of the answer]
  it.each<[string, ScriptedAnswer[], string, boolean, boolean?]>([
    [
      'a business error',
      [{ body: (r: ScriptedRequest) => ({ code: 62104, msg: echo(r), requestId: echo(r) }) }],
      'business',
      false,
    ],
    [
      'an unlisted code',
      [{ body: (r: ScriptedRequest) => ({ code: echo(r), msg: echo(r), requestId: echo(r) }) }],
      'unexpected-response',
      true,
    ],
    [
      'a success',
      [
        {
          body: (r: ScriptedRequest) => ({
            code: 0,
            msg: echo(r),
            data: { flowInstanceId: echo(r) },
            requestId: echo(r),
          }),
        },
      ],
      'ok',
      true,
    ],
    [
      'a gateway 500',
      [{ status: 500, body: (r: ScriptedRequest) => ({ message: echo(r) }) }],
      'gateway',
      true,
    ],
    [
      'a page that is not JSON',
      [{ status: 404, body: (r: ScriptedRequest) => `<pre>${echo(r)}</pre>` }],
      'unexpected-response',
      true,
      false,
    ],
    [
      'JSON that writes every character as \\u escapes',
      [
        {
          body: (r: ScriptedRequest) =>
            `{"code":62104,"msg":"${escaped(echo(r))}","requestId":"${escaped(echo(r))}"}`,
        },
      ],
      'business',
      false,
    ],
    [
      'a redirect',
      [{ status: 307, headers: { location: '/elsewhere' }, body: echo }],
      'unexpected-response',
      true,
      false,
    ],
    [
      'a 503, then the same-minute 62102',
      [
        { status: 503, body: (r: ScriptedRequest) => ({ message: echo(r) }) },
        { body: (r: ScriptedRequest) => ({ ...cannotCreate, requestId: echo(r) }) },
      ],
      'business',
      true,
    ],
  ])(
    'in %s: neither the token nor the secret shows, in any form',
    async (_name, answers, kind, may, kept = true) => {
      server.triggerAnswers.push(...answers);
      const result = await scriptClient(server, { retry: { baseDelayMs: 1 } }).triggerFlow(SEED);
      expect(result.ok ? 'ok' : result.error.kind).toBe(kind);
      if (!result.ok) expect(result.error.mayHaveTriggered).toBe(may);
      // The echo did carry them into the result: the scrub had work to do.
      if (kept) expect(JSON.stringify(result)).toContain('***');
      expectNoSecret(result, [server.issued.at(-1) as string, SCRIPT_APP.appSecret]);
    },
  );

  it.each<[string, ScriptedAnswer, string]>([
    [
      'a token refusal',
      { body: (r: ScriptedRequest) => ({ status: 1005, msg: echo(r), data: null }) },
      'auth',
    ],
    [
      'a token answer with an unlisted status',
      { body: (r: ScriptedRequest) => ({ status: echo(r), msg: echo(r) }) },
      'unexpected-response',
    ],
  ])('in %s: the secret does not show, in any form', async (_name, answer, kind) => {
    server.tokenAnswers.push(answer);
    const result = await scriptClient(server).triggerFlow(SEED);
    expect(failureOf(result)).toMatchObject({ kind, mayHaveTriggered: false });
    expectNoSecret(result, [SCRIPT_APP.appSecret]);
  });

  it('in an answer that is not HTTP: the network failure and its causes do not show them', async () => {
    // undici keeps the bytes it could not parse in its error's `data`.
    const token = randomUUID();
    const tcp = createTcpServer((socket) => {
      let request = '';
      socket.on('data', (chunk) => {
        request += chunk;
        const end = request.indexOf('\r\n\r\n');
        const length = Number(/content-length: *(\d+)/i.exec(request)?.[1] ?? 0);
        if (end < 0 || request.length < end + 4 + length) return;
        if (request.includes(TOKEN_PATH)) {
          const body = JSON.stringify({
            status: 0,
            msg: 'OK',
            data: { accessToken: token, expire: 60 },
          });
          socket.end(
            `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
          );
        } else {
          const header = /apim-accesstoken: *(.*)\r\n/i.exec(request)?.[1];
          socket.end(
            `HTTP/1.1 2X0 ${header} ${SCRIPT_APP.appSecret} ${base64(`${header}`)}\r\n\r\n`,
          );
        }
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    try {
      const client = createTriggerFlowClient({
        baseUrl: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`,
        ...SCRIPT_APP,
        userId: 'u',
        orgId: 'o',
      });
      const result = await client.triggerFlow(SEED);
      expect(failureOf(result)).toMatchObject({ kind: 'network', mayHaveTriggered: true });
      // The echo did reach the error: scrubbed, not dropped.
      expect(inspect(result, { depth: null })).toContain("data: 'X0 *** *** ");
      expectNoSecret(result, [token, SCRIPT_APP.appSecret]);
    } finally {
      await new Promise((resolve) => tcp.close(resolve));
    }
  });
});

describe('redirects', () => {
  /** Another origin, which records what reaches it and answers a success. */
  let elsewhere: Server;
  let elsewhereUrl: string;
  const reached: { url?: string; headers: object; body: string }[] = [];
  beforeAll(async () => {
    elsewhere = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        reached.push({ url: req.url, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ code: 0, msg: 'OK', data: { flowInstanceId: '3377-20191122012300' } }),
        );
      });
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => elsewhere.close(resolve)));
  beforeEach(() => {
    reached.length = 0;
  });
  const to = (path: string, status = 307): ScriptedAnswer => ({
    status,
    headers: { location: `${elsewhereUrl}${path}` },
    body: '',
  });

  it.each([301, 302, 303, 307, 308])(
    'a %i to another origin is not followed: unexpected-response, a run may have started',
    async (status) => {
      server.triggerAnswers.push(to(`${TRIGGER_PATH}?action=trigger`, status));
      const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
      expect(failure).toMatchObject({
        kind: 'unexpected-response',
        status,
        mayHaveTriggered: true,
      });
      expect(failure.message).toContain(`HTTP ${status}`);
      expect(reached).toEqual([]);
      expect(triggers()).toHaveLength(1);
    },
  );

  it('nor with a fetch of your own, which gets a Request', async () => {
    server.triggerAnswers.push(to(TRIGGER_PATH));
    const client = scriptClient(server, { fetch: (request) => fetch(request) });
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'unexpected-response', status: 307 });
    expect(reached).toEqual([]);
  });

  it('nor for the token request: nothing sent, nothing started', async () => {
    server.tokenAnswers.push(to(TOKEN_PATH));
    const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
    expect(failure).toMatchObject({
      kind: 'unexpected-response',
      status: 307,
      mayHaveTriggered: false,
    });
    expect(reached).toEqual([]);
    expect(triggers()).toEqual([]);
  });

  it('nor by the authenticated transport (client.fetch), which hands the 3xx back', async () => {
    server.triggerAnswers.push(to(TRIGGER_PATH));
    const client = scriptClient(server);
    const response = await client.fetch(
      new Request(`${server.url}${TRIGGER_PATH}?action=trigger&userId=u&orgId=o`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SEED),
      }),
    );
    expect(response.status).toBe(307);
    expect(reached).toEqual([]);
  });
});

describe('a 503 after the trigger was accepted, then a retry', () => {
  const SEED_INSTANCE = '3377-20191122012300';

  it("the catalog's same-minute entry is what the client recognises", () => {
    const entries = errorCatalog('triggerFlow');
    const sameMinute = entries.find((entry) => entry.name === 'cannotCreateInstance');
    expect(sameMinuteCode).toBe(sameMinute?.code);
    // The rows of its code: first the other entries, told apart by their message, then the
    // same-minute one, without a message: what any other 62102 is read as.
    expect(triggerFlowAdvice.filter(([code]) => code === sameMinuteCode)).toEqual([
      ...entries
        .filter((entry) => entry.code === sameMinuteCode && entry !== sameMinute)
        .map((entry) => [entry.code, expect.any(String), entry.message]),
      [sameMinuteCode, expect.any(String)],
    ]);
  });

  /**
   * A gateway that passes the trigger on, lets the service create the instance, and answers
   * 503 anyway (`status` on the first attempt); the service then refuses the same minute.
   */
  function acceptThenFail(status: number): ScriptedAnswer[] {
    const created = new Set<string>();
    const minuteOf = (body: string) => {
      const { flowId, triggerTime } = JSON.parse(body);
      return `${flowId}-${new Date(triggerTime).toISOString().slice(0, 16)}`;
    };
    const service = (r: ScriptedRequest) => {
      if (created.has(minuteOf(r.body))) return triggerExample('cannotCreateInstance');
      created.add(minuteOf(r.body));
      return { code: 0, msg: 'OK', data: { flowInstanceId: SEED_INSTANCE } };
    };
    const accepted = (r: ScriptedRequest) => {
      service(r);
      return { message: 'Service Unavailable' };
    };
    return [{ status, body: accepted }, { body: service }];
  }

  it.each([503, 429])(
    'a %i, then the same-minute 62102: an earlier attempt probably created the instance',
    async (status) => {
      server.triggerAnswers.push(...acceptThenFail(status));
      const client = scriptClient(server, { retry: { baseDelayMs: 1 } });
      const failure = failureOf(await client.triggerFlow(SEED));
      expect(failure).toMatchObject({
        kind: 'business',
        code: 62102,
        mayHaveTriggered: true,
        flowInstanceId: SEED_INSTANCE,
      });
      expect(failure.message).toContain(`probably created ${SEED_INSTANCE}`);
      expect(failure.message).not.toMatch(/Nothing was started/);
      expect(triggers()).toHaveLength(2);
    },
  );

  it('the instance ID follows the trigger time given, to the minute, in UTC', async () => {
    server.triggerAnswers.push({ status: 503 }, { body: triggerExample('cannotCreateInstance') });
    const client = scriptClient(server, { retry: { baseDelayMs: 1 } });
    const triggerTime = new Date('2031-02-03T04:05:59.999Z');
    const failure = failureOf(await client.triggerFlow({ flowId: 2791, triggerTime }));
    expect(failure).toMatchObject({ flowInstanceId: '2791-20310203040500' });
  });

  it('the same-minute 62102 on the first attempt: this call started nothing', async () => {
    server.triggerAnswers.push({ body: triggerExample('cannotCreateInstance') });
    const failure = failureOf(await scriptClient(server).triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'business', code: 62102, mayHaveTriggered: false });
    expect(failure).not.toHaveProperty('flowInstanceId', expect.anything());
    expect(failure.message).toMatch(/Nothing was started/);
  });

  it("a 62102 with another catalog entry's message on a retry: nothing started", async () => {
    server.triggerAnswers.push({ status: 503 }, { body: triggerExample('invalidRequestBody') });
    const client = scriptClient(server, { retry: { baseDelayMs: 1 } });
    const failure = failureOf(await client.triggerFlow(SEED));
    expect(failure).toMatchObject({ kind: 'business', code: 62102, mayHaveTriggered: false });
    expect(failure).not.toHaveProperty('flowInstanceId', expect.anything());
  });

  it('a success on the retry is a success', async () => {
    server.triggerAnswers.push({ status: 503 });
    const result = await scriptClient(server, { retry: { baseDelayMs: 1 } }).triggerFlow(SEED);
    expect((result as TriggerFlowSuccess).flowInstanceId).toBe(SEED_INSTANCE);
  });
});
