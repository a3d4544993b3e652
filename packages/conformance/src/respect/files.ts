/**
 * The behaviour scenarios the toolkit ships: `behaviour.arazzo.yaml` of @enos-trigger/spec,
 * beside the contract it names as its source (`./openapi.yaml`), found from the installed spec
 * package so that the runner and the contract are always the same version.
 */
import { behaviourFiles } from '@enos-trigger/spec';

/** The source description of behaviour.arazzo.yaml that the signing proxy stands in for. */
export const BEHAVIOUR_SOURCE_NAME = 'enos';

export function behaviourArazzoFile(): string {
  return behaviourFiles.yaml;
}
