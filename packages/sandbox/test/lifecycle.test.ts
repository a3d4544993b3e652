import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { manualClock, startSandbox } from '../src/index.js';
import { gatewayBody } from './support/contract.js';
import { envelope, FLOWS_PATH, getToken, trigger } from './support/enos.js';
import { type RawResponse, send } from './support/http.js';

describe('startSandbox', () => {
  it('listens on 127.0.0.1 and a free port when given port 0', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
      expect(sandbox.port).toBeGreaterThan(0);
      expect((await send(sandbox.url, { method: 'GET', path: '/__sandbox/clock' })).status).toBe(
        200,
      );
    } finally {
      await sandbox.close();
    }
  });

  it('frees the port on close, so it can listen there again', async () => {
    const first = await startSandbox({ port: 0 });
    await first.close();
    await first.close(); // closing twice is harmless
    const again = await startSandbox({ port: first.port });
    expect(again.port).toBe(first.port);
    await again.close();
  });

  it('refuses a port in use with a message that says what to do', async () => {
    const first = await startSandbox({ port: 0 });
    try {
      await expect(startSandbox({ port: first.port })).rejects.toThrow(/in use.*port, or 0/);
    } finally {
      await first.close();
    }
  });

  it('refuses bad options before listening', async () => {
    await expect(startSandbox({ port: 70_000 })).rejects.toThrow(RangeError);
    await expect(startSandbox({ port: 0, bodyLimit: 0 })).rejects.toThrow(/bodyLimit/);
    await expect(startSandbox({ port: 0, timestampWindowMs: -1 })).rejects.toThrow(
      /timestampWindowMs/,
    );
  });
});

describe('close', () => {
  it('lets an in-flight request finish with its answer', async () => {
    const sandbox = await startSandbox({ port: 0, clock: manualClock() });
    const token = await getToken(sandbox.url);
    sandbox.injectFault({ type: 'slow', delayMs: 3_600_000 });
    let answered: RawResponse | undefined;
    const held = trigger(sandbox.url, token, 3377, 0).then((res) => {
      answered = res;
    });
    // Wait until the request is held: the fault has been used up by it.
    while (sandbox.faults().length > 0) await new Promise((r) => setImmediate(r));
    expect(answered).toBeUndefined();
    await sandbox.close();
    await held;
    expect(envelope(answered as RawResponse).code).toBe(0);
    expect(answered?.headers.connection).toBe('close');
  });
});

describe('a caller that goes away mid-body', () => {
  it('leaves the sandbox serving', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = connect(sandbox.port, '127.0.0.1', () => {
          socket.write(
            `POST ${FLOWS_PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"flo`,
          );
          socket.destroy();
          resolve();
        });
        socket.on('error', reject);
      });
      const token = await getToken(sandbox.url);
      expect(envelope(await trigger(sandbox.url, token, 3377, 0)).code).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});

describe('bytes that are not HTTP', () => {
  it("get the gateway's 400 body, and the sandbox goes on serving", async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(sandbox.port, '127.0.0.1', () => socket.write('NOT HTTP\r\n\r\n'));
        let text = '';
        socket.on('data', (d) => {
          text += d;
        });
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(reply.slice(reply.indexOf('\r\n\r\n') + 4))).toEqual(
        gatewayBody('triggerFlow', 400),
      );
      const token = await getToken(sandbox.url);
      expect(envelope(await trigger(sandbox.url, token, 3377, 0)).code).toBe(0);
    } finally {
      await sandbox.close();
    }
  });
});
