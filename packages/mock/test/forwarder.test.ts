/**
 * The forwarder the mock's front and the proxy's back are made of, against a stand-in target:
 * what it passes on, what it changes, and what it answers itself when the target fails.
 */
import { request } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InvalidOptionError, PortInUseError } from '../src/errors.js';
import { type Forwarder, startForwarder } from '../src/forwarder.js';
import type { Routing } from '../src/routes.js';
import { startUpstream, type Upstream } from './support/upstream.js';

const rewrite: Routing = (_method, target) =>
  target.startsWith('/refused')
    ? { refused: { status: 404, contentType: 'text/plain', body: 'no' } }
    : { target: target.replace('/outside', '/inside') };

let target: Upstream;
let front: Forwarder;
let back: Forwarder;
beforeAll(async () => {
  target = await startUpstream();
  front = await startForwarder({
    host: '127.0.0.1',
    port: 0,
    routing: rewrite,
    targetName: 'the target',
    hostHeader: 'client',
  });
  front.forwardTo(target.url);
  back = await startForwarder({
    host: '127.0.0.1',
    port: 0,
    routing: rewrite,
    targetName: 'the target',
    hostHeader: 'target',
    refuseRedirects: true,
  });
  back.forwardTo(target.url);
});
afterAll(async () => {
  await front?.close();
  await back?.close();
  await target?.close();
});
beforeEach(() => {
  target.received.length = 0;
  target.reply({ status: 200, body: '{"ok":true}', headers: { 'x-answer': 'kept' } });
});

describe('what it passes on', () => {
  it('the method, the routed target, the headers and the body; the answer as it came', async () => {
    const body = JSON.stringify({ flowId: 3377, text: 'ü'.repeat(100_000) });
    const answer = await fetch(`${front.url}/outside?a=1&b=%20`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apim-signature': 'abc' },
      body,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-answer')).toBe('kept');
    expect(await answer.text()).toBe('{"ok":true}');
    const [received] = target.received;
    expect(received).toMatchObject({ method: 'POST', url: '/inside?a=1&b=%20', body });
    expect(received?.headers['apim-signature']).toBe('abc');
    expect(received?.headers.host).toBe(new URL(front.url).host);
  });

  it("the back sends the target's own Host", async () => {
    await fetch(`${back.url}/outside`);
    expect(target.received[0]?.headers.host).toBe(new URL(target.url).host);
  });

  it('no header of the connection itself', async () => {
    await new Promise<void>((resolve, reject) => {
      const sent = request(`${front.url}/x`, {
        headers: { connection: 'keep-alive, x-private', 'x-private': 'hop', 'keep-alive': '5' },
      });
      sent.on('response', (response) => response.resume().on('end', resolve));
      sent.on('error', reject);
      sent.end();
    });
    const [received] = target.received;
    expect(received?.headers['x-private']).toBeUndefined();
    expect(received?.headers['keep-alive']).toBeUndefined();
  });

  it('a refusal of the routing, without calling the target', async () => {
    const answer = await fetch(`${front.url}/refused`);
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe('no');
    expect(target.received).toEqual([]);
  });
});

describe('a redirect of the target', () => {
  it('passes through the front', async () => {
    target.reply({ status: 302, body: '', headers: { location: 'http://elsewhere.example/' } });
    const answer = await fetch(`${front.url}/x`, { redirect: 'manual' });
    expect(answer.status).toBe(302);
  });

  it('becomes a 502 at the back, which says why', async () => {
    target.reply({ status: 307, body: '', headers: { location: 'http://elsewhere.example/' } });
    const answer = await fetch(`${back.url}/x`, { redirect: 'manual' });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('location')).toBeNull();
    expect(((await answer.json()) as { detail: string }).detail).toMatch(/redirect.*not followed/);
  });
});

describe('a target that does not answer', () => {
  it('is a 502 naming it; the forwarder keeps serving', async () => {
    const dead = await startForwarder({
      host: '127.0.0.1',
      port: 0,
      routing: rewrite,
      targetName: 'the dead target',
      hostHeader: 'client',
    });
    try {
      const early = await fetch(`${dead.url}/x`);
      expect(early.status).toBe(503);
      expect(((await early.json()) as { detail: string }).detail).toContain('still starting');
      const closed = await startUpstream();
      await closed.close();
      dead.forwardTo(closed.url);
      for (let i = 0; i < 2; i += 1) {
        const answer = await fetch(`${dead.url}/x`);
        expect(answer.status).toBe(502);
        expect(answer.headers.get('content-type')).toBe('application/problem+json');
        expect(((await answer.json()) as { detail: string }).detail).toBe(
          'the dead target does not answer (ECONNREFUSED).',
        );
      }
    } finally {
      await dead.close();
    }
  });
});

describe('a target that accepts the request and says nothing', () => {
  it('is a 504 once the idle limit passes, naming it', async () => {
    const silent = createServer((socket) => socket.on('data', () => undefined));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const forwarder = await startForwarder({
      host: '127.0.0.1',
      port: 0,
      routing: rewrite,
      targetName: 'the silent target',
      hostHeader: 'target',
      idleLimitMs: 200,
    });
    try {
      forwarder.forwardTo(`http://127.0.0.1:${(silent.address() as { port: number }).port}`);
      const answer = await fetch(`${forwarder.url}/x`);
      expect(answer.status).toBe(504);
      expect(((await answer.json()) as { detail: string }).detail).toBe(
        'the silent target sent nothing for 0.2 s.',
      );
    } finally {
      await forwarder.close();
      silent.close();
    }
  });
});

describe('listening', () => {
  let blocker: Server;
  beforeAll(() => {
    blocker = createServer();
    return new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => blocker.close());

  const options = { routing: rewrite, targetName: 't', hostHeader: 'client' } as const;

  it('a port in use is a PortInUseError', async () => {
    const { port } = blocker.address() as { port: number };
    await expect(startForwarder({ ...options, host: '127.0.0.1', port })).rejects.toBeInstanceOf(
      PortInUseError,
    );
  });

  it('an address this machine does not have is an InvalidOptionError', async () => {
    await expect(startForwarder({ ...options, host: '192.0.2.1', port: 0 })).rejects.toBeInstanceOf(
      InvalidOptionError,
    );
  });

  it('close() frees the port and may be called twice', async () => {
    const forwarder = await startForwarder({ ...options, host: '127.0.0.1', port: 0 });
    await forwarder.close();
    await forwarder.close();
    await expect(fetch(`${forwarder.url}/x`)).rejects.toThrow();
  });
});
