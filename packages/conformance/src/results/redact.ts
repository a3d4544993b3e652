/**
 * The run's secrets (the app secret and every access token it saw) are replaced in every line
 * it prints and every report it writes: as written, inside JSON, and URL-encoded. Longer
 * secrets are replaced first, so a secret that contains another is never half-shown.
 *
 * A secret shorter than SHORT characters (a placeholder such as the "s" one gives a stateless
 * mock) is replaced only where it stands alone, not inside longer words, which would otherwise
 * make the output unreadable; real EnOS secrets and tokens are far longer.
 */
export const REDACTED = '[redacted]';
const SHORT = 8;

export class Redactor {
  private readonly secrets = new Set<string>();
  private patterns: RegExp[] = [];

  /** Remember a secret, as written and as it appears inside JSON or a URL. */
  add(secret: string | undefined): void {
    if (secret === undefined || secret === '') return;
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) {
      this.secrets.add(form);
    }
    this.patterns = [...this.secrets]
      .sort((a, b) => b.length - a.length)
      .map((s) => {
        const text = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return new RegExp(s.length < SHORT ? `(?<![A-Za-z0-9])${text}(?![A-Za-z0-9])` : text, 'g');
      });
  }

  redact(text: string): string {
    let out = text;
    for (const pattern of this.patterns) out = out.replace(pattern, REDACTED);
    return out;
  }
}
