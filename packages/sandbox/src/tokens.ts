/**
 * Access tokens issued by the sandbox's token service, and the `encryption` values it has seen
 * (each is accepted once: a replay gets the contract's "duplicated encryption" answer).
 *
 * Token lifetimes run on the sandbox clock, so a test can expire a token by advancing it. Seen
 * encryptions are forgotten once their timestamp falls outside the timestamp window, after which
 * the window itself refuses them.
 */
import { randomUUID } from 'node:crypto';

export interface IssuedToken {
  accessToken: string;
  appKey: string;
  issuedAt: number;
  expiresAt: number;
}

export class TokenStore {
  private readonly byToken = new Map<string, IssuedToken>();
  private readonly byApp = new Map<string, IssuedToken>();
  /** encryption → host time after which its timestamp is out of the window anyway. */
  private readonly seen = new Map<string, number>();
  private nextPrune = 0;

  /** The app's valid token, or a new one: asking again while it is valid gives the same. */
  tokenFor(appKey: string, lifetimeSeconds: number, now: number): IssuedToken {
    const current = this.byApp.get(appKey);
    if (current && current.expiresAt > now) return current;
    if (current) this.byToken.delete(current.accessToken);
    const token: IssuedToken = {
      accessToken: randomUUID(),
      appKey,
      issuedAt: now,
      expiresAt: now + lifetimeSeconds * 1000,
    };
    this.byApp.set(appKey, token);
    this.byToken.set(token.accessToken, token);
    return token;
  }

  /** The token, if it was issued and has not expired at `now`. */
  find(accessToken: string, now: number): IssuedToken | undefined {
    const token = this.byToken.get(accessToken);
    return token && token.expiresAt > now ? token : undefined;
  }

  /**
   * Record an encryption. False when it was seen before and is still remembered. `forgetAt` is
   * the host time after which the timestamp window refuses it anyway.
   */
  firstUse(encryption: string, forgetAt: number, hostNow: number): boolean {
    if (hostNow >= this.nextPrune) this.prune(hostNow);
    if (this.seen.has(encryption)) return false;
    this.seen.set(encryption, forgetAt);
    return true;
  }

  /** Drop the tokens of apps that no longer exist (after new fixtures are seeded). */
  keepApps(appKeys: Set<string>): void {
    for (const [appKey, token] of this.byApp) {
      if (appKeys.has(appKey)) continue;
      this.byApp.delete(appKey);
      this.byToken.delete(token.accessToken);
    }
  }

  private prune(hostNow: number): void {
    for (const [encryption, forgetAt] of this.seen) {
      if (forgetAt < hostNow) this.seen.delete(encryption);
    }
    this.nextPrune = hostNow + 10_000;
  }
}
