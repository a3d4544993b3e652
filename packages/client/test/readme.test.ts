/**
 * The README's table of business codes is the contract's catalog: a row per entry, with its
 * code, its evidence and its advice as the contract writes it (placeholders and all), so that
 * the README and the contract cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import { errorCatalog } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const catalog = errorCatalog('triggerFlow');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The rows of the table under "#### Business codes", as trimmed cells. */
function businessRows(): string[][] {
  const section = readme.split(/^#### Business codes$/m)[1]?.split(/^#/m)[0] ?? '';
  return [...section.matchAll(/^\|( \d+ \|.*)\|$/gm)].map((match) =>
    (match[1] ?? '').split(' | ').map((cell) => cell.trim()),
  );
}

describe('the README\'s "Business codes" table', () => {
  const rows = businessRows();

  it('has one row per entry of the catalog, in its order', () => {
    expect(rows.map(([code, entry]) => [Number(code), entry?.match(/^`(\w+)`/)?.[1]])).toEqual(
      catalog.map((entry) => [entry.code, entry.name]),
    );
  });

  it.each(catalog.map((entry, index) => [entry.name, entry, index] as const))(
    "gives %s the contract's evidence and advice, placeholders as the contract writes them",
    (_name, entry, index) => {
      const [code, , evidence, advice] = rows[index] ?? [];
      expect(code).toBe(String(entry.code));
      const { parts } = entry;
      expect(evidence).toBe(`${parts.code} · ${parts.message} · ${parts.when}`);
      expect(advice).toBe(oneLine(entry.advice));
    },
  );
});
