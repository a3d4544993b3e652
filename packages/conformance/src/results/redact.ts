/**
 * The run's secrets (the app secret and every access token it saw) are taken out of every line
 * it prints and every report it writes. The run redacts text from a server first, on the whole
 * text, and only then makes it one line, cuts it to an excerpt and escapes it for a report
 * (results/text.ts); a cut through a secret would leave a part no pattern finds. As a second
 * layer, every printed line and every report file passes through the redactor again, so it
 * also knows the forms the output gives a secret:
 *
 * - as written, JSON-escaped, URL-encoded, and in base64 (standard and URL-safe, at each of
 *   the three alignments it can have inside a longer base64 text);
 * - each of those Markdown-escaped (report.md) and XML-escaped (junit.xml);
 * - with any run of whitespace in it matching any other (the output collapses whitespace and
 *   breaks lines), and in any letter case.
 *
 * A secret with fewer than MIN_SECRET_LENGTH characters that are not whitespace (a placeholder
 * such as the "s" one gives a stateless mock) is not redacted: found inside ordinary words, it
 * would mangle the output ("the run's" became "the run'[redacted]"). `add` says so, and the run
 * warns at the start instead. Real EnOS secrets and tokens are far longer.
 */
import { markdownEscape, xmlEscape } from './text.js';

export const REDACTED = '[redacted]';
/** The fewest characters (whitespace aside) a secret needs to be redacted. */
export const MIN_SECRET_LENGTH = 8;

export class Redactor {
  private readonly forms = new Set<string>();
  private pattern: RegExp | undefined;

  /**
   * Remember a secret in all its forms. False when it is too short to redact (see above): the
   * caller warns, without printing it. Nothing to remember (undefined, empty) is true.
   */
  add(secret: string | undefined): boolean {
    if (secret === undefined || secret === '') return true;
    if (!redactable(secret)) return false;
    const before = this.forms.size;
    for (const form of secretForms(secret)) this.forms.add(form);
    if (this.forms.size !== before) {
      const alternatives = [...this.forms].sort((a, b) => b.length - a.length).map(formPattern);
      this.pattern = new RegExp(alternatives.join('|'), 'gi');
    }
    return true;
  }

  redact(text: string): string {
    return this.pattern === undefined ? text : text.replace(this.pattern, REDACTED);
  }
}

/** The warning for a secret too short to redact (`what` names it); it never repeats the secret. */
export function tooShortToRedact(what: string): string {
  return (
    `${what} is shorter than ${MIN_SECRET_LENGTH} characters: too short to take out of the ` +
    'output without mangling ordinary words, so the output is not redacted for it. Real EnOS ' +
    'secrets and tokens are longer; if this one is real, keep this output private.'
  );
}

/** Is the secret long enough to redact without mangling the output? */
export function redactable(secret: string): boolean {
  return secret.replace(/\s/g, '').length >= MIN_SECRET_LENGTH;
}

/** Every form of the secret the redactor looks for (whitespace is made flexible later). */
export function secretForms(secret: string): string[] {
  const base = [
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    ...base64Forms(secret),
  ];
  const forms = new Set<string>();
  for (const form of base) {
    for (const escaped of [form, markdownEscape(form), xmlEscape(form)]) {
      if (redactable(escaped)) forms.add(escaped.trim());
    }
  }
  return [...forms];
}

/**
 * The secret's UTF-8 bytes in base64 and base64url: the whole encoding, padded and not, and the
 * characters that encode only its bytes when it starts at any offset of a longer encoded text.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const whole = bytes.toString('base64');
  const forms = [whole, whole.replace(/=+$/, '')];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const from = Math.ceil((8 * offset) / 6);
    const to = Math.floor((8 * (offset + bytes.length)) / 6);
    forms.push(encoded.slice(from, to));
  }
  return forms.flatMap((form) => [form, form.replaceAll('+', '-').replaceAll('/', '_')]);
}

/** A form as a pattern: its text literally, each run of whitespace matching any other. */
function formPattern(form: string): string {
  return form
    .split(/\s+/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\s+');
}
