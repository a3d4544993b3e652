/**
 * How a check quotes a value of the server's answer: as JSON, redacted first, then one line,
 * then cut (a cut through a secret would leave a part of it no pattern finds).
 */
import { excerpt, oneLine } from '../results/text.js';

/** How much of a value a sentence quotes. */
const QUOTED = 160;

export function quoted(value: unknown, redact: (text: string) => string): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return excerpt(oneLine(redact(text)), QUOTED);
}
