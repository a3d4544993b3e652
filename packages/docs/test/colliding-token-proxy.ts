/**
 * A proxy in front of a sandbox that makes token requests collide, as when another process
 * with the same app key has just asked in the same millisecond: it sends such a request's body
 * to the sandbox once on its own (the other process's request), then once more for the caller,
 * who so gets the sandbox's own duplicatedEncryption answer. Everything else passes through.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          ([name]) => name === 'content-type' || name.startsWith('apim-'),
        ),
      ) as Record<string, string>;
      const forward = () =>
        fetch(new URL(req.url ?? '/', target), { method: req.method, headers, body });
      try {
        if (req.url?.endsWith('/token/get')) {
          tokenTimestamps.push((JSON.parse(body) as { timestamp: number }).timestamp);
          if (tokenTimestamps.length <= collisions) await (await forward()).text();
        }
        const answer = await forward();
        res.writeHead(answer.status, {
          'content-type': answer.headers.get('content-type') ?? 'application/json',
        });
        res.end(await answer.text());
      } catch (error) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(error));
      }
    });
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
