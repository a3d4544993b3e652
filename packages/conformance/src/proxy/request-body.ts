/**
 * The caller's body, read up to --max-request-bytes: the signature covers the body exactly as
 * sent, so the proxy must hold all of it before it signs. A longer body is refused before any
 * of it goes upstream.
 */
import type { IncomingMessage } from 'node:http';
import { ProxyError } from './errors.js';

export async function readRequestBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  try {
    // The signature is over text: a body that is not UTF-8 would be signed as other bytes.
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks, size));
  } catch {
    throw new ProxyError(
      'bad-request',
      'The request body is not UTF-8 text: the proxy signs the body as text. Send JSON in UTF-8.',
    );
  }
}

function tooLarge(limit: number): ProxyError {
  return new ProxyError(
    'request-too-large',
    `The request body is larger than ${limit} bytes (--max-request-bytes): nothing was sent upstream. ` +
      'Send a smaller body, or start the proxy with a higher limit.',
  );
}
