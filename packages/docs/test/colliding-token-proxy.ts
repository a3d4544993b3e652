/**
 * A proxy in front of a sandbox that makes token requests collide, as when another process
 * with the same app key has just asked in the same millisecond: it sends such a request's body
 * to the sandbox once on its own (the other process's request), then once more for the caller,
 * who so gets the sandbox's own duplicatedEncryption answer. Everything else passes through.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bodyOf, sendBack, sendOn } from './pass-through.js';

export interface CollidingProxy {
  url: string;
  /** The timestamp of every token request the caller sent, in order. */
  readonly tokenTimestamps: number[];
  close(): Promise<void>;
}

/** Make the first `collisions` token requests collide (all of them with Infinity). */
export async function startCollidingProxy(
  target: string,
  collisions: number,
): Promise<CollidingProxy> {
  const tokenTimestamps: number[] = [];
  const server = createServer((req, res) => {
    const answer = async () => {
      const body = await bodyOf(req);
      if (req.url?.endsWith('/token/get')) {
        tokenTimestamps.push((JSON.parse(body) as { timestamp: number }).timestamp);
        if (tokenTimestamps.length <= collisions) await (await sendOn(target, req, body)).text();
      }
      return sendOn(target, req, body);
    };
    void sendBack(res, answer());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenTimestamps,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
