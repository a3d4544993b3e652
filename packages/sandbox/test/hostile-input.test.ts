/**
 * Hostile or careless callers: a body far over the limit sent whole before reading, cross-site
 * calls of the control API, a query with thousands of repeats, pipelined requests followed by
 * bytes that are not HTTP, and log lines forged through a userId.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRecord } from '../src/http-io.js';
import { type Sandbox, startSandbox } from '../src/index.js';
import { gatewayBody } from './support/contract.js';
import {
  APP,
  envelope,
  FLOWS_PATH,
  getToken,
  OWNER,
  signature,
  signedTrigger,
  TOKEN_PATH,
  trigger,
  triggerQuery,
} from './support/enos.js';
import { send } from './support/http.js';

const MiB = 1024 * 1024;
let sandbox: Sandbox;
let token: string;
let minute = 0;
/** A trigger time of a minute no other test used. */
const nextMinute = () => {
  minute += 1;
  return minute * 60_000;
};

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  token = await getToken(sandbox.url);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

interface Exchange {
  /** Everything the sandbox sent, as latin1 text. */
  text: string;
  /** The error the connection ended with (EPIPE, ECONNRESET), if any. */
  error: string | undefined;
}

/**
 * Send `parts` over one connection, each written whole (every byte taken by the sandbox's
 * socket) before the next, and read nothing before the last is written, as Python's urllib and
 * Java's HttpURLConnection do; then read until the sandbox closes the connection.
 */
function exchange(parts: (string | Buffer)[], port = sandbox.port): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    const chunks: Buffer[] = [];
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error ??= e.code ?? e.message;
    });
    socket.on('close', () => resolve({ text: Buffer.concat(chunks).toString('latin1'), error }));
    const write = (i: number) => {
      if (i === parts.length) {
        socket.resume();
        return;
      }
      socket.write(parts[i] as string | Buffer, (e) => {
        if (!e) write(i + 1);
      });
    };
    write(0);
  });
}

interface Response {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The HTTP/1.1 responses in `text`, in order (bodies framed by Content-Length). */
function responses(text: string): Response[] {
  const found: Response[] = [];
  let at = 0;
  while (at < text.length) {
    const end = text.indexOf('\r\n\r\n', at);
    if (end === -1) throw new Error(`a partial response: ${JSON.stringify(text.slice(at))}`);
    const [statusLine = '', ...lines] = text.slice(at, end).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    found.push({
      status: Number(statusLine.split(' ')[1]),
      headers,
      body: text.slice(end + 4, end + 4 + length),
    });
    at = end + 4 + length;
  }
  return found;
}

/** A signed trigger request as raw HTTP/1.1 text. */
function rawTrigger(body: string, extraHeaders = ''): string {
  const query = triggerQuery();
  const timestamp = String(Date.now());
  const sign = signature(token, query, body, timestamp, APP.appSecret);
  return (
    `POST ${FLOWS_PATH}?${new URLSearchParams(query)} HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
    `Content-Type: application/json;charset=UTF-8\r\napim-accesstoken: ${token}\r\n` +
    `apim-timestamp: ${timestamp}\r\napim-signature: ${sign}\r\n${extraHeaders}` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

async function stillServes(): Promise<void> {
  expect(envelope(await trigger(sandbox.url, token, 2791, nextMinute())).code).toBe(0);
}

describe('a body over the limit, sent whole before the answer is read', () => {
  const big = Buffer.alloc(12 * MiB, 'x');
  const head = (path: string, headers: string) =>
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}\r\n`;
  const cases: [string, string, 'declared' | 'chunked', string][] = [
    ['Trigger Flow, declared, Connection: close', FLOWS_PATH, 'declared', 'Connection: close\r\n'],
    ['Trigger Flow, chunked, Connection: close', FLOWS_PATH, 'chunked', 'Connection: close\r\n'],
    ['the token endpoint, Connection: close', TOKEN_PATH, 'declared', 'Connection: close\r\n'],
    ['Trigger Flow, declared, keep-alive', FLOWS_PATH, 'declared', ''],
  ];
  for (const [what, path, framing, connection] of cases) {
    it(`gets the 413, then the connection closes: ${what}`, async () => {
      const parts =
        framing === 'chunked'
          ? [
              head(path, `${connection}Transfer-Encoding: chunked\r\n`),
              `${big.length.toString(16)}\r\n`,
              big,
              '\r\n0\r\n\r\n',
            ]
          : [head(path, `${connection}Content-Length: ${big.length}\r\n`), big];
      const { text, error } = await exchange(parts);
      expect(error).toBeUndefined(); // no EPIPE, no ECONNRESET
      const [answer, ...more] = responses(text);
      const operation = path === TOKEN_PATH ? 'getAccessToken' : 'triggerFlow';
      expect([answer?.status, JSON.parse(answer?.body ?? 'null')]).toEqual([
        413,
        gatewayBody(operation, 413),
      ]);
      expect(answer?.headers.connection).toBe('close');
      expect(more).toEqual([]);
      await stillServes();
    });
  }

  it('gets the 413 of the control API the same way', async () => {
    const { text, error } = await exchange([
      head('/__sandbox/faults', `Connection: close\r\nContent-Length: ${big.length}\r\n`),
      big,
    ]);
    expect(error).toBeUndefined();
    expect(responses(text).map((r) => r.status)).toEqual([413]);
    expect(sandbox.faults()).toEqual([]);
  });

  it('is answered at once, without reading it, when it declares more than 16 MiB', async () => {
    const { text } = await exchange([
      head(FLOWS_PATH, `Content-Length: ${64 * MiB}\r\n`),
      Buffer.alloc(1024, 'x'),
    ]);
    const [answer] = responses(text);
    expect([answer?.status, answer?.headers.connection]).toEqual([413, 'close']);
    await stillServes();
  });
});

describe('the control API and web pages', () => {
  const reset = (headers: Record<string, string>, body?: string) =>
    send(sandbox.url, { method: 'POST', path: '/__sandbox/reset', headers, body });

  /** Two faults in force: what a forged reset would remove. */
  function dirty(): void {
    sandbox.injectFault({ type: 'internal-error', forMs: 3_600_000 });
    sandbox.injectFault({ type: 'internal-error', operation: 'getAccessToken', count: 1 });
  }

  it('refuses a simple POST (text/plain, a form, no content type) and changes nothing', async () => {
    dirty();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
      const res = await reset(headers, type === undefined ? undefined : '{}');
      expect([type, res.status]).toEqual([type, 415]);
      expect((res.json as { error: string }).error).toMatch(/Content-Type: application\/json/);
      const fault = await send(sandbox.url, {
        path: '/__sandbox/faults',
        headers,
        body: '{"type": "unavailable", "forMs": 3600000}',
      });
      expect([type, fault.status]).toEqual([type, 415]);
    }
    expect(sandbox.faults().map((f) => f.type)).toEqual(['internal-error', 'internal-error']);
  });

  it('refuses a call from a web page of another origin, whatever its content type', async () => {
    dirty();
    for (const origin of ['http://evil.example', 'null', `http://localhost:${sandbox.port + 1}`]) {
      const post = await reset({ 'content-type': 'application/json', origin });
      expect([origin, post.status]).toEqual([origin, 403]);
      expect((post.json as { error: string }).error).toMatch(/web pages/);
      const get = await send(sandbox.url, {
        method: 'GET',
        path: '/__sandbox/flows',
        headers: { origin },
      });
      expect([origin, get.status]).toEqual([origin, 403]);
    }
    expect(sandbox.faults()).toHaveLength(2);
  });

  it('refuses a call addressed to a foreign name (DNS rebinding), even as JSON', async () => {
    dirty();
    for (const host of [
      `evil.example:${sandbox.port}`,
      'evil.example',
      `localhost.evil.example:${sandbox.port}`,
      `127.0.0.1.nip.io:${sandbox.port}`,
    ]) {
      const res = await reset({ 'content-type': 'application/json', host });
      expect([host, res.status]).toEqual([host, 403]);
      expect((res.json as { error: string }).error).toMatch(/--allowed-host/);
      const rebound = await send(sandbox.url, {
        method: 'GET',
        path: '/__sandbox/flows',
        headers: { host, origin: `http://${host}` },
      });
      expect([host, rebound.status]).toEqual([host, 403]);
    }
    expect(sandbox.faults()).toHaveLength(2);
  });

  it('answers JSON calls from tests, scripts and curl, by localhost or an IP address', async () => {
    for (const host of [
      `127.0.0.1:${sandbox.port}`,
      `localhost:${sandbox.port}`,
      `LOCALHOST:${sandbox.port}`,
      `app.localhost:${sandbox.port}`,
      `[::1]:${sandbox.port}`,
      '10.0.0.7:4020',
    ]) {
      dirty();
      const res = await reset({ 'content-type': 'application/json', host });
      expect([host, res.status, res.json]).toEqual([host, 200, { reset: true }]);
      expect(sandbox.faults()).toEqual([]);
    }
    // Its own origin is no other page's; a bodiless POST may carry the control header instead.
    dirty();
    const own = `http://127.0.0.1:${sandbox.port}`;
    expect((await reset({ 'content-type': 'application/json', origin: own })).status).toBe(200);
    dirty();
    expect((await reset({ 'x-enos-sandbox-control': '1' })).status).toBe(200);
    expect(sandbox.faults()).toEqual([]);
    // GET, PUT and DELETE need no content type: a browser asks before sending them cross-site.
    const flows = await send(sandbox.url, { method: 'GET', path: '/__sandbox/flows' });
    expect(flows.status).toBe(200);
    expect((await send(sandbox.url, { method: 'DELETE', path: '/__sandbox/faults' })).status).toBe(
      200,
    );
  });

  it('answers the names it is told to, and refuses bad ones at start', async () => {
    const named = await startSandbox({ port: 0, allowedHosts: ['sandbox', 'Sandbox.Test.'] });
    try {
      for (const [host, status] of [
        [`sandbox:${named.port}`, 200],
        ['SANDBOX.test', 200],
        [`other:${named.port}`, 403],
      ] as const) {
        const res = await send(named.url, {
          method: 'GET',
          path: '/__sandbox/clock',
          headers: { host },
        });
        expect([host, res.status]).toEqual([host, status]);
      }
    } finally {
      await named.close();
    }
    await expect(startSandbox({ port: 0, allowedHosts: ['evil.example:80'] })).rejects.toThrow(
      /allowedHosts/,
    );
  });
});

describe('a query with thousands of repeats of one key', () => {
  /** How long `run` takes, in ms: the least of `times` runs, or the first under `bound`. */
  function timed(run: () => void, times: number, bound = 0): number {
    let least = Number.POSITIVE_INFINITY;
    for (let i = 0; i < times && least >= bound; i++) {
      const start = process.hrtime.bigint();
      run();
      least = Math.min(least, Number(process.hrtime.bigint() - start) / 1e6);
    }
    return least;
  }

  it('is read in time linear in its length', () => {
    const pairs = (n: number) => Array.from({ length: n }, (): [string, string] => ['a', 'x']);
    const small = pairs(5_000);
    const large = pairs(40_000);
    const tSmall = timed(() => queryRecord(small), 5);
    // Eight times the parameters: about eight times the time; a quadratic reading takes 64 times.
    const bound = 20 * tSmall + 20;
    expect(timed(() => queryRecord(large), 3, bound)).toBeLessThan(bound);
    expect(queryRecord(large).a).toHaveLength(40_000);
  });

  it('costs a request little more than a plain one, and gets the usual answer', async () => {
    const repeats = 7_900; // as many as fit in node's 16 KiB of request head
    const call = async (n: number) => {
      const query: [string, string][] = [
        ...triggerQuery(),
        ...Array.from({ length: n }, (): [string, string] => ['a', '']),
      ];
      const res = await signedTrigger(sandbox.url, {
        token,
        query,
        body: JSON.stringify({ flowId: 3377, triggerTime: nextMinute() }),
        tamper: (request) => {
          request.path = `${FLOWS_PATH}?action=trigger&userId=${OWNER.userId}&orgId=${OWNER.orgId}${'&a'.repeat(n)}`;
        },
      });
      // A parameter the contract does not know is ignored, however often it comes.
      expect([res.status, envelope(res).code]).toEqual([200, 0]);
    };
    /** CPU time (of this process: the client and the sandbox) per request, best of 3 rounds. */
    const cpu = async (n: number, count: number) => {
      let least = Number.POSITIVE_INFINITY;
      for (let round = 0; round < 3; round++) {
        const start = process.cpuUsage();
        for (let i = 0; i < count; i++) await call(n);
        const used = process.cpuUsage(start);
        least = Math.min(least, (used.user + used.system) / count);
      }
      return least;
    };
    await cpu(0, 5); // warm up
    const plain = await cpu(0, 20);
    const repeated = await cpu(repeats, 5);
    // Linear: about 5 times a plain request here (client included); quadratic: about 80 times.
    expect(repeated).toBeLessThan(25 * plain);
  });
});

describe('pipelined requests followed by bytes that are not HTTP', () => {
  it('answers every complete request first, then 400, then closes', async () => {
    const first = JSON.stringify({ flowId: 3377, triggerTime: nextMinute() });
    const third = JSON.stringify({ flowId: 2791, triggerTime: nextMinute() });
    const { text, error } = await exchange([
      `${rawTrigger(first)}NOT HTTP AT ALL\r\n\r\n${rawTrigger(third)}`,
    ]);
    expect(error).toBeUndefined();
    const [answer, refusal, ...more] = responses(text);
    expect(answer?.status).toBe(200);
    const instance = (JSON.parse(answer?.body ?? '{}') as { data: { flowInstanceId: string } }).data
      .flowInstanceId;
    expect(sandbox.flow(3377)?.instances.map((i) => i.flowInstanceId)).toEqual([instance]);
    expect([refusal?.status, JSON.parse(refusal?.body ?? 'null')]).toEqual([
      400,
      gatewayBody('triggerFlow', 400),
    ]);
    expect(refusal?.headers.connection).toBe('close');
    expect(more).toEqual([]);
    expect(sandbox.flow(2791)?.instances).toEqual([]);
  });

  it('answers the complete ones when the bytes break the body of the last', async () => {
    sandbox.injectFault({ type: 'slow', delayMs: 100 }); // the first answer comes late
    const [first, second] = [3377, 2791].map((flowId) =>
      rawTrigger(JSON.stringify({ flowId, triggerTime: nextMinute() })),
    );
    const broken = `POST ${FLOWS_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{"flo\r\nZZZ\r\n`;
    const { text } = await exchange([`${first}${second}${broken}`]);
    const answers = responses(text);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 400]);
    expect(answers.map((r) => JSON.parse(r.body).code)).toEqual([0, 0, undefined]);
  });

  it('holds the 400 while an earlier answer is held', async () => {
    sandbox.injectFault({ type: 'slow', delayMs: 200 });
    const body = JSON.stringify({ flowId: 3377, triggerTime: nextMinute() });
    const { text } = await exchange([`${rawTrigger(body)}\x00\x01\x02\r\n\r\n`]);
    expect(responses(text).map((r) => r.status)).toEqual([200, 400]);
  });
});

describe('log lines', () => {
  /** Any C0 or C1 control character, DEL, or a Unicode line separator. */
  const hasControl = (line: string) =>
    [...line].some((c) => {
      const code = c.charCodeAt(0);
      return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029;
    });

  it('escape the control characters of a userId, so no line can be forged', async () => {
    const lines: string[] = [];
    const logged = await startSandbox({ port: 0, log: (line) => lines.push(line) });
    try {
      const own = await getToken(logged.url);
      const userId = 'ghost\nPOST /forged 200\r\u001b[31mred\u001b[0m\u0085\u2028\\n\t';
      const res = await trigger(logged.url, own, 3377, 0, userId);
      expect(envelope(res).code).toBe(62101);
      const line = lines.at(-1) ?? '';
      expect(lines).toHaveLength(2); // the token request, then the trigger
      expect(hasControl(lines.join(''))).toBe(false);
      expect(line).toBe(
        `POST ${FLOWS_PATH} 200 no user "ghost\\nPOST /forged 200\\r\\x1b[31mred\\x1b[0m\\x85\\u2028\\\\n\\t" in org "${OWNER.orgId}"`,
      );
    } finally {
      await logged.close();
    }
  });
});
