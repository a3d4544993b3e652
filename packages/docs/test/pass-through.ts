/**
 * What the test proxies in front of a sandbox share: a request read whole, sent on to the
 * sandbox as the caller sent it (method, path and query, body, content type, APIM headers), and
 * the sandbox's answer sent back.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The body of `req`, read whole. */
export function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Send `req` (whose body was `body`) on to `target`, as the caller sent it. */
export function sendOn(target: string, req: IncomingMessage, body: string): Promise<Response> {
  const headers = Object.fromEntries(
    Object.entries(req.headers).filter(
      ([name]) => name === 'content-type' || name.startsWith('apim-'),
    ),
  ) as Record<string, string>;
  return fetch(new URL(req.url ?? '/', target), {
    method: req.method,
    headers,
    body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
  });
}

/** Send `answer` back to the caller; a 502 saying why when the sandbox gave none. */
export async function sendBack(res: ServerResponse, answer: Promise<Response>): Promise<void> {
  try {
    const response = await answer;
    const text = await response.text();
    res.writeHead(response.status, {
      'content-type': response.headers.get('content-type') ?? 'application/json',
    });
    res.end(text);
  } catch (error) {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
}
