/** The smallest tests and wording every check shares (checks.ts, and the trigger's own). */

export const text = (value: unknown) => typeof value === 'string' && value !== '';

/** The JSON form of a string (so that an empty one shows), any other value as it prints. */
export const show = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);
