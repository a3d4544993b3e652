/**
 * The bench's token request survives a collision with another process (one app key, the same
 * millisecond): it asks again with a new timestamp, and gives up, saying why, after a few.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokenEncryption } from '@enos-trigger/client';
import { type Sandbox, startSandbox } from '@enos-trigger/sandbox';
import { duplicatedEncryptionError, findOperation } from '@enos-trigger/spec';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fetchAccessToken, sandboxCredentials } from '../src/trigger-request.js';

const credentials = sandboxCredentials();
const tokenPath = findOperation('getAccessToken').path;
const collision = duplicatedEncryptionError();

/** Send the token request another process with the same app key would send at `timestamp`. */
async function askAsAnotherProcess(baseUrl: string, timestamp: number): Promise<unknown> {
  const encryption = await tokenEncryption({ ...credentials, timestamp });
  const response = await fetch(new URL(tokenPath, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ appKey: credentials.appKey, encryption, timestamp }),
  });
  return response.json();
}

describe('fetchAccessToken', () => {
  let sandbox: Sandbox;
  let refusing: Server;
  let refused = 0;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    // A token service that refuses every request as a collision.
    refusing = createServer((_request, response) => {
      refused += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: collision.code, msg: collision.message, data: null }));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await sandbox.close();
    await new Promise((resolve) => refusing.close(resolve));
  });

  it('asks again with a new timestamp when another process used the same millisecond', async () => {
    // Later than any timestamp this process used, and well inside the sandbox's window.
    const sameMillisecond = Date.now() + 1000;
    expect(await askAsAnotherProcess(sandbox.url, sameMillisecond)).toMatchObject({ status: 0 });
    const now = vi.spyOn(Date, 'now').mockReturnValue(sameMillisecond);
    try {
      expect(await fetchAccessToken(sandbox.url, credentials)).toMatch(/./);
    } finally {
      now.mockRestore();
    }
  });

  it('gives up after 4 token requests, saying why', async () => {
    const url = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    await expect(fetchAccessToken(url, credentials)).rejects.toThrow(
      `4 token requests refused as ${collision.summary} (another process`,
    );
    expect(refused).toBe(4);
  });
});
