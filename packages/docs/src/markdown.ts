/** The Markdown the build writes into descriptions: tables, inline code and code blocks. */

/** One table cell: a pipe would end the cell and a line break would end the row. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|');
}

/** The longest run of backticks in a text: a fence around it must be longer. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** Inline code that survives any backtick inside the text (CommonMark: a longer fence). */
export function code(text: string): string {
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function table(header: string[], rows: string[][]): string {
  const lines = [header, header.map(() => '---'), ...rows].map(
    (row) => `| ${row.map(cell).join(' | ')} |`,
  );
  return lines.join('\n');
}

/**
 * A fenced code block of `source` as it is: its fence is longer than any backtick run inside,
 * so no line of the source can close it (CommonMark).
 */
export function codeBlock(source: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(source) + 1));
  return `${fence}${language}\n${source.replace(/\n$/, '')}\n${fence}`;
}
