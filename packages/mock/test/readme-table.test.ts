import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPreferTable, unpadded, withPreferTable } from '../scripts/prefer-table.js';
import { documentedResponses } from '../src/documented-responses.js';
import { contractWithExample } from './support/changed-contract.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('the README table of Prefer values', () => {
  it('is the one the contract gives (if not, run: npx tsx scripts/write-readme-table.ts)', () => {
    const fresh = withPreferTable(readme, renderPreferTable(documentedResponses()));
    expect(unpadded(readme)).toBe(unpadded(fresh));
  });

  it('has a row per documented response, with its exact Prefer value', () => {
    for (const response of documentedResponses()) {
      expect(unpadded(readme)).toContain(`|${response.status}|`);
      expect(unpadded(readme)).toContain(`|\`${response.prefer}\`|`);
    }
  });

  it('goes stale when the contract gains an example', () => {
    const table = renderPreferTable(documentedResponses(contractWithExample('addedLater')));
    expect(table).toContain('`example=addedLater`');
    expect(unpadded(withPreferTable(readme, table))).not.toBe(unpadded(readme));
  });
});
