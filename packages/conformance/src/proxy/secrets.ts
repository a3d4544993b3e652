/**
 * What the proxy takes out of its log lines and of the answers it passes back: the app secret
 * and its latest tokens. Only the latest few: an upstream that refuses every token (401) makes
 * the proxy ask for a new one on every call, and a redactor that kept them all would grow
 * without bound. The one before the current stays, for calls signed with it still in flight.
 *
 * A secret too short to redact (results/redact.ts) is not refused: as in the conformance run,
 * the proxy warns, once per kind, without printing it, and serves on.
 */
import { Redactor, tooShortToRedact } from '../results/redact.js';

/** The tokens redacted: the current one and the one it replaced. */
export const REDACTED_TOKENS = 2;

export class ProxySecrets {
  private tokens: string[] = [];
  private redactor: Redactor;
  private readonly warned = new Set<string>();

  constructor(
    private readonly appSecret: string,
    private readonly warn: (message: string) => void,
  ) {
    this.redactor = this.build();
  }

  /** A token the proxy got: it replaces the oldest one kept. */
  token(token: string): void {
    if (this.tokens.includes(token)) return;
    this.tokens = [token, ...this.tokens].slice(0, REDACTED_TOKENS);
    this.redactor = this.build();
  }

  redact(text: string): string {
    return this.redactor.redact(text);
  }

  private build(): Redactor {
    const redactor = new Redactor();
    if (!redactor.add(this.appSecret)) this.warnOnce('The app secret');
    for (const token of this.tokens) {
      if (!redactor.add(token)) this.warnOnce('An access token the token service issued');
    }
    return redactor;
  }

  private warnOnce(what: string): void {
    if (this.warned.has(what)) return;
    this.warned.add(what);
    this.warn(tooShortToRedact(what));
  }
}
