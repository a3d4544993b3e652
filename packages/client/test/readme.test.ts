/** The README's table of business codes keeps up with the contract's catalog. */
import { readFileSync } from 'node:fs';
import { errorCatalog } from '@enos-trigger/spec';
import { expect, it } from 'vitest';

it("README says what to do for every code of the contract's catalog", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const rows = new Set([...readme.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1])));
  const codes = new Set(errorCatalog('triggerFlow').map((entry) => entry.code));
  expect(rows).toEqual(codes);
});
