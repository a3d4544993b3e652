/**
 * Plain node:http plumbing on the hot path: splitting the URL, reading a bounded body, reading
 * the query, and writing an answer. No framework: the sandbox must stay within a small factor
 * of a bare node:http server.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

/** What a route answers; `reason` says in plain words why, for anything but a success. */
export interface Answer {
  status: number;
  body: string;
  headers?: OutgoingHttpHeaders;
  reason?: string;
}

/** The header that carries an answer's reason: the contract's bodies have no room for one. */
export const REASON_HEADER = 'x-enos-sandbox-reason';

export function splitUrl(url: string): { path: string; search: string } {
  const q = url.indexOf('?');
  return q === -1 ? { path: url, search: '' } : { path: url.slice(0, q), search: url.slice(q + 1) };
}

/**
 * The query's parameters, decoded as a browser's URLSearchParams would (`+` is a space, a bad
 * percent sequence stays as it is), in the order sent, repeats kept.
 */
export function parseQuery(search: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (search === '') return pairs;
  for (const part of search.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([decode(key), decode(value)]);
  }
  return pairs;
}

function decode(text: string): string {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * The query as an object for the contract's validator: a prototype-less record, so a key such
 * as `__proto__` is data and nothing else; a repeated key becomes an array, which no string
 * parameter accepts.
 */
export function queryRecord(pairs: [string, string][]): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of pairs) {
    const before = record[key];
    record[key] =
      before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return record;
}

export type BodyResult = Buffer | 'too-large' | 'aborted';

/**
 * Read the whole body, keeping at most `limit` bytes. Over the limit (declared or counted) it
 * stops keeping bytes and says so at once; node discards the rest once the answer is sent, so
 * the connection stays usable.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off('data', onData);
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => {
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    // A caller that goes away mid-body ends the request with an error (ECONNRESET).
    req.on('error', () => resolve('aborted'));
  });
}

export const NOT_JSON: unique symbol = Symbol('not JSON');

/** The body parsed as JSON (UTF-8), or NOT_JSON. JSON.parse keeps `__proto__` as plain data. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return NOT_JSON;
  }
}

/** Is this a JSON media type in UTF-8 (the charset the signature is computed over)? */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;
  if (header === 'application/json;charset=UTF-8' || header === 'application/json') return true;
  const [type = '', ...params] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return params.every((param) => {
    const eq = param.indexOf('=');
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== 'charset') return true;
    return (
      param
        .slice(eq + 1)
        .trim()
        .replaceAll('"', '')
        .toLowerCase() === 'utf-8'
    );
  });
}

const JSON_TYPE = 'application/json;charset=UTF-8';

export function send(res: ServerResponse, answer: Answer): void {
  const headers: OutgoingHttpHeaders = {
    'content-type': JSON_TYPE,
    'content-length': Buffer.byteLength(answer.body),
    ...answer.headers,
  };
  if (answer.reason !== undefined) headers[REASON_HEADER] = headerSafe(answer.reason);
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/** A reason may quote the caller's input: keep it to printable ASCII, as a header must be. */
function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 500);
}
