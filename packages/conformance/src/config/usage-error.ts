/**
 * A mistake in the flags or the environment: the run exits 2 and prints this message. The one
 * UsageError of every enos-trigger command, from @enos-trigger/cli-kit; the run's modules import
 * it from here.
 */
export { UsageError } from '@enos-trigger/cli-kit';
