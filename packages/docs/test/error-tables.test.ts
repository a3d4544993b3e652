import type { CatalogEntry, GatewayError } from '@enos-trigger/spec';
import { errorCatalog, gatewayErrors } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { businessErrorTable, gatewayErrorTable } from '../src/error-tables.js';

/** The cells of a Markdown table's body rows (an escaped pipe stays inside its cell). */
function rows(table: string): string[][] {
  return table
    .split('\n')
    .slice(2)
    .map((line) =>
      line
        .slice(2, -2)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.replaceAll('\\|', '|')),
    );
}

const entry = (overrides: Partial<CatalogEntry>): CatalogEntry => ({
  name: 'example',
  code: 1,
  message: 'Message.',
  summary: 'summary',
  when: 'When it happens.',
  parts: { code: 'documented', message: 'documented', status: 'inferred', when: 'documented' },
  evidence: 'documented',
  basis: 'A page.',
  advice: 'Do this.',
  value: { code: 1, msg: 'Message.', data: null },
  ...overrides,
});

describe('the business error table', () => {
  it("has one row per entry of each operation's catalog: code, message, when, advice, evidence per part", () => {
    for (const operationId of ['triggerFlow', 'getAccessToken'] as const) {
      const catalog = errorCatalog(operationId);
      const table = rows(businessErrorTable(catalog));
      expect(table).toHaveLength(catalog.length);
      for (const [i, { code, message, when, parts, basis, advice }] of catalog.entries()) {
        const [codeCell, messageCell, whenCell, adviceCell, evidenceCell] = table[i] as [
          string,
          string,
          string,
          string,
          string,
        ];
        expect(codeCell).toBe(String(code));
        expect(messageCell).toContain(`\`${message}\``);
        expect(whenCell).toBe(when.replace(/\s*\n\s*/g, ' '));
        expect(adviceCell.replaceAll('`', '')).toBe(
          advice.replace(/\s*\n\s*/g, ' ').replaceAll('`', ''),
        );
        expect(evidenceCell).toBe(
          `code **${parts.code}**, message **${parts.message}**, HTTP 200 **${parts.status}**, when **${parts.when}**: ${basis}`,
        );
      }
    }
  });

  it('shows a message whose words no one documents as an illustration, and advice placeholders as code', () => {
    const [row] = rows(
      businessErrorTable([
        entry({
          parts: { code: 'documented', message: 'unknown', status: 'inferred', when: 'documented' },
          advice: 'Unlock workflow {flowId}.',
        }),
      ]),
    );
    expect(row?.[1]).toBe('`Message.` (illustrative: the words are not documented)');
    expect(row?.[3]).toBe('Unlock workflow `{flowId}`.');
  });

  it('keeps a row whole when a text holds a pipe, a line break or a backtick', () => {
    const table = businessErrorTable([
      entry({ message: 'a | b `c`', when: 'first line\n  second | line', basis: 'x|y' }),
    ]);
    expect(table.split('\n')).toHaveLength(3);
    const [row] = rows(table);
    expect(row).toEqual([
      '1',
      '`` a | b `c` ``',
      'first line second | line',
      'Do this.',
      'code **documented**, message **documented**, HTTP 200 **inferred**, when **documented**: x|y',
    ]);
  });
});

describe('the gateway error table', () => {
  it('lists each status with its message, when, and the headers it documents', () => {
    const errors = gatewayErrors('triggerFlow');
    const table = rows(gatewayErrorTable(errors));
    expect(table.map((row) => row[0])).toEqual(errors.map((error) => String(error.status)));
    const withHeaders = errors.findIndex((error) => error.headers.length > 0);
    expect(withHeaders).toBeGreaterThanOrEqual(0);
    expect(table[withHeaders]?.[3]).toContain('Retry-After');
  });

  it('writes a dash where a status documents no header', () => {
    const error: GatewayError = { status: 500, message: 'm', description: 'd', headers: [] };
    expect(rows(gatewayErrorTable([error]))[0]).toEqual(['500', '`m`', 'd', '—']);
  });
});
