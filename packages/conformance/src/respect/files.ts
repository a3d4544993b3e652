/**
 * The behaviour scenarios the toolkit ships: `behaviour.arazzo.yaml` of @enos-trigger/spec,
 * beside the contract it names as its source (`./openapi.yaml`), found from the installed spec
 * package so that the runner and the contract are always the same version.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The source description of behaviour.arazzo.yaml that the signing proxy stands in for. */
export const BEHAVIOUR_SOURCE_NAME = 'enos';

export function behaviourArazzoFile(): string {
  // The spec's entry is dist/index.js; the Arazzo file is at the package's root.
  const entry = createRequire(import.meta.url).resolve('@enos-trigger/spec');
  return join(dirname(entry), '..', 'behaviour.arazzo.yaml');
}
