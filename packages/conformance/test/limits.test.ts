/**
 * The limits of one request (send in http/api.ts) and of a run (the watchdog), against small
 * node:http servers that misbehave: an answer that declares 2 GB, one that trickles forever.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractView } from '../src/contract/view.js';
import { send } from '../src/http/api.js';
import { AnswerTooLargeError, type Attempt, NoAnswerError } from '../src/http/limits.js';
import { RunStoppedError, Watchdog } from '../src/run/watchdog.js';

const op = contractView().token;
const request = { op, query: [], body: '{}', headers: { 'content-type': 'application/json' } };

let url: string;
let written = 0;
const server = createServer((req, res: ServerResponse) => {
  req.resume();
  const kind = req.headers['x-kind'];
  if (kind === 'declared-2gb') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': 2 ** 31 });
    const chunk = Buffer.alloc(64 * 1024, ' ');
    const pump = () => {
      while (!res.destroyed && res.write(chunk)) written += chunk.length;
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  } else if (kind === 'trickle') {
    res.writeHead(200, { 'content-type': 'application/json' });
    const timer = setInterval(() => res.write(' '), 100);
    res.on('close', () => clearInterval(timer));
  } else {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

function sendAs(kind: string, limits: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  const exchanges: Attempt[] = [];
  const answer = send(
    url,
    { ...request, headers: { ...request.headers, 'x-kind': kind } },
    {
      maxResponseBytes: 1024,
      timeoutMs: limits.timeoutMs ?? 5_000,
      ...(limits.signal ? { signal: limits.signal } : {}),
      onAttempt: (e) => exchanges.push(e),
    },
  );
  return { answer, exchanges };
}

describe('one request', () => {
  it('reads an answer within the limits', async () => {
    const { answer, exchanges } = sendAs('fine');
    expect((await answer).json).toEqual({ ok: true });
    expect(exchanges.map((e) => e.timedOut)).toEqual([false]);
  });

  it('refuses an answer that declares more than the limit, having read almost none of it', async () => {
    const { answer, exchanges } = sendAs('declared-2gb');
    await expect(answer).rejects.toBeInstanceOf(AnswerTooLargeError);
    await expect(answer).rejects.toThrow('larger than 1024 bytes (--max-response-bytes)');
    expect(exchanges.map((e) => e.timedOut)).toEqual([false]);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives up on an answer that trickles past the time limit, and counts a timeout', async () => {
    const { answer, exchanges } = sendAs('trickle', { timeoutMs: 500 });
    await expect(answer).rejects.toBeInstanceOf(NoAnswerError);
    await expect(answer).rejects.toThrow(
      /POST http:\/\/127\.0\.0\.1:\d+\/apim-token-service\/v2\.0\/token\/get got no complete answer within 0\.5 s \(--request-timeout\)/,
    );
    expect(exchanges.map((e) => e.timedOut)).toEqual([true]);
  });

  it("rejects with the run's stop reason when the run stops", async () => {
    const controller = new AbortController();
    const { answer } = sendAs('trickle', { signal: controller.signal });
    setTimeout(() => controller.abort(new RunStoppedError('stopped for the test')), 100);
    await expect(answer).rejects.toThrow('stopped for the test');
  });
});

describe('the watchdog', () => {
  const what = 'POST http://gateway/path';

  it('stops the run after --max-timeouts timeouts in a row; an answer in time resets the count', () => {
    const dog = new Watchdog({ deadlineMs: 60_000, maxTimeouts: 3, requestTimeoutMs: 15_000 });
    try {
      for (const timedOut of [true, true, false, true, true]) dog.attempt({ timedOut, what });
      expect(dog.stopped).toBeUndefined();
      dog.attempt({ timedOut: true, what });
      expect(dog.signal.reason).toBeInstanceOf(RunStoppedError);
      expect(dog.stopped).toBe(
        'the server stopped answering: 3 requests in a row got no answer within 15 s ' +
          '(--request-timeout), the last POST http://gateway/path; the run stops after 3 ' +
          '(--max-timeouts). Check that the gateway and the service behind it are up',
      );
    } finally {
      dog.dispose();
    }
  });

  it('stops the run at its deadline, naming what it was doing', async () => {
    const dog = new Watchdog({ deadlineMs: 50, maxTimeouts: 3, requestTimeoutMs: 15_000 });
    dog.phase = 'Negative lane';
    await new Promise((resolve) => dog.signal.addEventListener('abort', resolve));
    expect(dog.stopped).toMatch(
      /^the run's deadline of 0\.05 s \(--deadline\) passed during "Negative lane"/,
    );
  });
});
