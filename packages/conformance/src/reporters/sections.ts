/** The sections of the report files, in the order the results came. */
import type { CheckResult, Section } from '../results/model.js';

export const SECTIONS: Record<Section, string> = {
  token: 'Token endpoint',
  dredd: 'Trigger Flow',
  semantic: 'Semantic checks',
  negative: 'Negative lane',
  behaviour: 'Behaviour lane',
  respect: 'Behaviour lane: Arazzo workflows (Redocly Respect)',
  engine: 'Engine guards',
};

export function bySection(results: CheckResult[]): [Section, CheckResult[]][] {
  const sections = new Map<Section, CheckResult[]>();
  for (const r of results) sections.set(r.section, [...(sections.get(r.section) ?? []), r]);
  return [...sections];
}
