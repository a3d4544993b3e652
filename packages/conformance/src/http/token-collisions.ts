/**
 * Token requests that collide. The token service accepts an `encryption` once, and an
 * `encryption` hashes only appKey, timestamp and secret: two processes with one app key (two
 * runs of a CI matrix, a run and the deployment's own workers) that ask in the same millisecond
 * send the same one, and the second is refused with the contract's duplicatedEncryption though
 * its credentials are right. A token request starts nothing, so the run asks again with a new
 * timestamp, a few times, before it reports anything.
 */
import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { duplicatedEncryptionError } from '@enos-trigger/spec';
import type { ApiAnswer } from './api.js';

/** Token requests in all, the first included, before a collision is reported. */
export const TOKEN_ATTEMPTS = 4;

let lastTimestamp = 0;

/**
 * A token request's timestamp: later than every other of this process, so that the run never
 * collides with itself; after a collision, a random step further, so that processes that
 * collided (even on clocks that give the same millisecond) part ways.
 */
export function tokenTimestamp(afterCollision = false): number {
  lastTimestamp =
    Math.max(Date.now(), lastTimestamp + 1) + (afterCollision ? randomInt(1, 101) : 0);
  return lastTimestamp;
}

/**
 * Is this the token service's refusal of an `encryption` it has seen? By its code alone: the
 * contract's message for it is inferred.
 */
export function isCollision(answer: Pick<ApiAnswer, 'json'>): boolean {
  const status = (answer.json as { status?: unknown } | undefined)?.status;
  return status === duplicatedEncryptionError().code;
}

/** A token request's body, and the answer it got. */
export interface TokenExchange {
  body: string;
  answer: ApiAnswer;
}

/**
 * From `first` on, ask again with `ask` (given a new timestamp) while the answer is a
 * collision, up to TOKEN_ATTEMPTS token requests in all, after a wait of a few ms. `replaced`
 * is told every exchange that a later one replaces. The last exchange, and how many requests
 * it took.
 */
export async function askAgainAfterCollisions(
  first: TokenExchange,
  ask: (timestamp: number) => Promise<TokenExchange>,
  replaced: (exchange: TokenExchange) => void = () => {},
): Promise<{ exchange: TokenExchange; requests: number }> {
  let exchange = first;
  let requests = 1;
  while (isCollision(exchange.answer) && requests < TOKEN_ATTEMPTS) {
    replaced(exchange);
    await delay(randomInt(1, 20));
    exchange = await ask(tokenTimestamp(true));
    requests += 1;
  }
  return { exchange, requests };
}

/**
 * What a run says when every token request collided: what happened, and what to do (the
 * contract's advice for the entry).
 */
export function collisionAdvice(requests: number): string {
  const entry = duplicatedEncryptionError();
  return (
    `the token service refused ${requests} token requests, each with a new timestamp, as ` +
    `${entry.summary}. ${entry.advice} The credentials are likely fine: run the suite again.`
  );
}

/** What a report says of a token that came only after collisions; nothing when none happened. */
export function collisionNote(requests: number): string {
  if (requests === 1) return '';
  const refused = requests - 1;
  return (
    `${refused} token request${refused > 1 ? 's' : ''} refused as ` +
    `${duplicatedEncryptionError().summary} (another process with this app key used the same ` +
    'millisecond): asked again with a new timestamp'
  );
}
