/**
 * The README's table of Prefer header values, rendered from the contract. The README keeps
 * it between two markers; test/readme-table.test.ts fails when it is stale.
 */
import type { DocumentedResponse } from '../src/documented-responses.js';

export const TABLE_START =
  '<!-- prefer-table:start (generated from the contract: npx tsx scripts/write-readme-table.ts) -->';
export const TABLE_END = '<!-- prefer-table:end -->';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** What the answer is, and the headers the contract documents with it. */
function answer(response: DocumentedResponse): string {
  const headers = response.headers.map((name) => `\`${name}\``).join(', ');
  return headers ? `${response.summary} With ${headers}.` : response.summary;
}

export function renderPreferTable(responses: DocumentedResponse[]): string {
  return [
    '| Operation | HTTP status | Answer | `Prefer` header |',
    '| --- | --- | --- | --- |',
    ...responses.map(
      (response) =>
        `| \`${response.operationId}\` | ${response.status} | ${cell(answer(response))} | ` +
        `\`${response.prefer}\` |`,
    ),
  ].join('\n');
}

/**
 * A Markdown table as its cells, whatever the padding: Biome pads the table's columns when it
 * formats the README.
 */
export function unpadded(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line.replace(/\s*\|\s*/g, '|').replace(/\|-{3,}(?=\|)/g, '|---')
        : line,
    )
    .join('\n');
}

/** The README with its table replaced by `table`. */
export function withPreferTable(readme: string, table: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    throw new Error(`README.md must hold the lines\n${TABLE_START}\n${TABLE_END}`);
  }
  return `${readme.slice(0, start + TABLE_START.length)}\n${table}\n${readme.slice(end)}`;
}
