/**
 * One request whose answer the bench reads (a token, a probe before measuring, a check after).
 * A server's answer is not trusted: the wait is bounded, the body is read up to a cap, a
 * redirect is refused (signed headers never follow one), and a body that is not JSON is
 * reported, not thrown.
 */
import { REASON_HEADER } from '@enos-trigger/sandbox';
import type { CatalogEntry } from '@enos-trigger/spec';
import type { SignedRequest } from './signed-request.js';

/** Every answer the bench reads is an envelope of a few hundred bytes. */
const ANSWER_CAP_BYTES = 64 * 1024;
const ANSWER_TIMEOUT_MS = 10_000;

export interface Answer {
  status: number;
  /** The JSON object answered, or undefined when the body is not one. */
  body: Record<string, unknown> | undefined;
  /** The sandbox's `x-enos-sandbox-reason`, when it gives one. */
  reason: string | null;
}

async function readCapped(response: Response, url: URL): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > ANSWER_CAP_BYTES) {
      await reader.cancel();
      throw new Error(
        `${url.origin}${url.pathname} answered over ${ANSWER_CAP_BYTES} bytes, where an envelope of a few hundred is expected: check that server alone.`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export async function exchange(
  url: URL,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body ? { body: init.body } : {}),
      redirect: 'error',
      signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS),
    });
  } catch (error) {
    // The cause (a timeout, a refused connection, a redirect) says which; never a header value.
    const why = error instanceof Error ? (error.cause ?? error).toString() : String(error);
    throw new Error(
      `${init.method} ${url.origin}${url.pathname} failed (${why}): is the server up?`,
    );
  }
  const text = await readCapped(response, url);
  return {
    status: response.status,
    body: parseObject(text),
    reason: response.headers.get(REASON_HEADER),
  };
}

/** Send a signed request to the server at `baseUrl` and read its answer. */
export function send(baseUrl: string, request: SignedRequest): Promise<Answer> {
  return exchange(new URL(request.target, baseUrl), request);
}

/** An answer in a few words, for a message: `HTTP 200, code 62102 (the sandbox's reason)`. */
export function describeAnswer(answer: Answer, codeField: string): string {
  const code = answer.body?.[codeField];
  return `HTTP ${answer.status}, code ${String(code)}${answer.reason ? ` (${answer.reason})` : ''}`;
}

/** The entry of `entries` (an operation's error catalog) this answer is, if it is one. */
export function catalogEntryOf(
  answer: Answer,
  entries: readonly CatalogEntry[],
  codeField: string,
): CatalogEntry | undefined {
  const body = answer.body ?? {};
  return entries.find(
    (entry) => entry.code === body[codeField] && Object.values(body).includes(entry.message),
  );
}

/** A business error answered, as a note quotes it: `62102 "…" (the sandbox's reason)`. */
export function describeCatalogAnswer(entry: CatalogEntry, answer: Answer): string {
  return `${entry.code} "${entry.message}" (${answer.reason ?? 'no reason given'})`;
}
