/**
 * Token requests that collide. The token service accepts an `encryption` once, and an
 * `encryption` hashes only appKey, timestamp and secret: two processes with one app key that
 * ask in the same millisecond send the same one, and the second is refused though its
 * credentials are right. A token request starts nothing, so such a refusal is asked again.
 * Its code is `duplicatedEncryptionCode`, generated from the contract's `duplicatedEncryption`
 * example (`duplicatedEncryptionError()` of @enos-trigger/spec).
 */

import { sleep } from './signals.js';

/** Token requests in all, the first included, before a collision is reported. */
export const TOKEN_ATTEMPTS = 4;

/**
 * After a collision, how far past the last timestamp the next one is put, in ms. Random, so
 * that processes that collided (even on clocks that give the same millisecond) part ways; the
 * wait before asking again is an eighth of it: short, since the refusal is not about load.
 */
export const collisionStep = (): number => 1 + Math.floor(Math.random() * 100);

/**
 * After a collision: wait an eighth of a new step, then give the step. Part of `retrying` (a
 * token request asked again is a retry), so that a session without retries does not carry it.
 */
export async function collide(signal: AbortSignal): Promise<number> {
  const step = collisionStep();
  await sleep(step / 8, signal);
  return step;
}
