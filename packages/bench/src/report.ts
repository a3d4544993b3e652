/** The printed table of a run, and latest.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Figure, isFailed } from './figure.js';
import { FIGURE_GROUPS } from './groups.js';
import { machineLine } from './machine.js';
import type { BenchResult } from './run.js';

/** Enough digits to compare, not more: 34,012 · 512.3 · 4.21 · 0.034. */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 0.1) return value.toFixed(2);
  return value.toFixed(3);
}

function row(key: string, figure: Figure): string[] {
  return [
    key,
    `${formatNumber(figure.value)} ${figure.unit} (${figure.valueLabel})`,
    `${formatNumber(figure.baseline)} ${figure.unit} (${figure.baselineLabel})`,
    `${formatNumber(figure.ratio)}×`,
    figure.goal,
    figure.met ? 'yes' : 'NO',
  ];
}

/** A Markdown table: readable in a terminal, and pasted as it is into a README. */
function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((cells) => cells[column]?.length ?? 0))) ?? [];
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join(
    '\n',
  );
}

export function renderReport(result: BenchResult): string {
  const rows = [['figure', 'value', 'baseline (same run)', 'ratio', 'goal', 'met']];
  /** Each note once, with the figures it belongs to (both throughput figures share one). */
  const notes = new Map<string, string[]>();
  const addNote = (key: string, note: string) => notes.set(note, [...(notes.get(note) ?? []), key]);
  for (const key of result.run.groups.flatMap((group) => FIGURE_GROUPS[group])) {
    const outcome = result[key];
    if (!outcome) continue;
    if (isFailed(outcome)) {
      rows.push([key, 'not measured', '', '', '', 'ERROR']);
      addNote(key, outcome.error);
    } else {
      rows.push(row(key, outcome));
      if (outcome.note) addNote(key, outcome.note);
    }
  }
  return [
    `Benchmarks (${result.run.mode} run, ${result.run.seconds} s) on ${machineLine(result.run.machine)}`,
    '',
    table(rows),
    '',
    ...[...notes].map(([note, keys]) => `- ${keys.join(', ')}: ${note}`),
  ].join('\n');
}

export function writeResult(file: string, result: BenchResult): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
}
