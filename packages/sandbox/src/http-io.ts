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
 * parameter accepts. Linear in the number of parameters, however often one key repeats.
 */
export function queryRecord(pairs: [string, string][]): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of pairs) {
    const before = record[key];
    if (before === undefined) record[key] = value;
    else if (Array.isArray(before)) before.push(value);
    else record[key] = [before, value];
  }
  return record;
}

export type BodyResult = Buffer | 'too-large' | 'aborted';

/** The least a body over the limit is read (and thrown away) before the 413: 16 MiB. */
export const MIN_DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * How many bytes of a body over `bodyLimit` are read and thrown away before the 413 is sent:
 * 16 MiB, or 4 times the body limit when that is more.
 */
export function drainLimitFor(bodyLimit: number): number {
  return Math.max(MIN_DRAIN_LIMIT, 4 * bodyLimit);
}

/**
 * Read the whole body, keeping at most `limit` bytes. A body over the limit (declared or
 * counted) is read on and thrown away, up to `drainLimit` bytes in all, and only then is it
 * 'too-large': a caller that sends its whole body before it reads (Python's urllib, Java's
 * HttpURLConnection) then finds the 413 waiting, instead of a connection reset while it still
 * sends. Past `drainLimit` (or when the Content-Length says so at once) reading stops and it is
 * 'too-large' at once; the request stays incomplete, and the answer closes the connection.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  drainLimit: number,
): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > drainLimit) return Promise.resolve('too-large');
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > drainLimit) {
        req.off('data', onData);
        req.pause();
        resolve('too-large');
      } else if (chunks.length > 0) chunks.length = 0;
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size > limit) resolve('too-large');
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
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

/**
 * Everything but printable text, and the backslash: C0 and C1 controls, DEL, the Unicode line
 * and paragraph separators, and the bidirectional overrides and isolates that reorder what a
 * terminal shows.
 */
const UNPRINTABLE = /[^\x20-\x5b\x5d-\x7e\xa0-\u2027\u202f-\u2065\u206a-\uffff]/g;
const NAMED_ESCAPES: Record<string, string> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\\': '\\\\',
};

/**
 * Text from a request made safe for one log line: every control character (newline, carriage
 * return, ESC, DEL, C1, line separators, bidirectional controls) and the backslash is written as
 * an escape (`\n`, `\x1b`, `\u2028`, `\\`), so a caller can neither start a line of its own nor
 * send escape sequences to the terminal. Other text, non-ASCII included, stays as it is.
 */
export function escapeForLog(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const named = NAMED_ESCAPES[char];
    if (named !== undefined) return named;
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A reason may quote the caller's input: keep it to printable ASCII, as a header must be. */
function headerSafe(text: string): string {
  const safe = NOT_HEADER_SAFE.test(text) ? text.replace(NOT_HEADER_SAFE_ALL, '?') : text;
  return safe.length > 500 ? safe.slice(0, 500) : safe;
}

const NOT_HEADER_SAFE = /[^\x20-\x7e]/;
const NOT_HEADER_SAFE_ALL = /[^\x20-\x7e]/g;
