/**
 * Markdown tables of an operation's errors, generated from the contract's catalog at build
 * time so that the page can never disagree with the contract.
 */
import type { CatalogEntry, GatewayError } from '@enos-trigger/spec';

/** One table cell: a pipe would end the cell and a line break would end the row. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** Inline code that survives any backtick inside the text (CommonMark: a longer fence). */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows].map(
    (row) => `| ${row.map(cell).join(' | ')} |`,
  );
  return lines.join('\n');
}

/**
 * The business error catalog: code, exact message, when it happens, and whether EnOS
 * documents it or this contract infers it.
 */
export function businessErrorTable(entries: CatalogEntry[]): string {
  return table(
    ['Code', 'Exact message', 'When', 'Evidence'],
    entries.map((entry) => [
      String(entry.code),
      code(entry.message),
      entry.when,
      `**${entry.evidence}**: ${entry.basis}`,
    ]),
  );
}

/** The errors the API gateway answers itself, with a real HTTP status. */
export function gatewayErrorTable(errors: GatewayError[]): string {
  return table(
    ['HTTP status', 'Body message', 'When', 'Headers'],
    errors.map((error) => [
      String(error.status),
      code(error.message),
      error.description,
      error.headers.map(code).join(', ') || '—',
    ]),
  );
}
