/** A mistake in the flags or the environment: the run exits 2 and prints this message. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
