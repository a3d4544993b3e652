/**
 * How text from a server reaches the output: first redacted (results/redact.ts), then made one
 * line and cut to an excerpt, then escaped for its file. These helpers are the last two steps;
 * the redactor also knows the escaped forms, so that it can find a secret in them too.
 */

/** All whitespace runs as one space, trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * At most `max` characters of `text`, with `…` where it was cut. Cut only text that has been
 * redacted: a cut through a secret leaves the part before it, which no longer matches it.
 */
export function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/** XML text: escaped, and without the control characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Markdown table text: one line, pipes and backticks escaped, HTML neutralized. */
export function markdownEscape(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replaceAll('\\', '\\\\')
    .replaceAll('|', '\\|')
    .replaceAll('`', '\\`')
    .replaceAll('<', '&lt;');
}

/**
 * Whatever was thrown, as one line of words: an Error's message, a string as it is, anything
 * else as JSON (never "[object Object]").
 */
export function describeError(error: unknown): string {
  if (error instanceof Error) return oneLine(error.message) || error.name;
  if (typeof error === 'string') return oneLine(error);
  try {
    return oneLine(JSON.stringify(error) ?? String(error));
  } catch {
    return Object.prototype.toString.call(error);
  }
}
