/**
 * Markdown tables of an operation's errors, generated from the contract's catalog at build
 * time so that the page can never disagree with the contract.
 */
import type { CatalogEntry, GatewayError } from '@enos-trigger/spec';
import { code, table } from './markdown.js';

/** Each part's evidence, then the basis: the reader sees which words EnOS really stands behind. */
function evidenceCell(entry: CatalogEntry): string {
  const { code, message, status, when } = entry.parts;
  return `code **${code}**, message **${message}**, HTTP 200 **${status}**, when **${when}**: ${entry.basis}`;
}

/** A message whose words no one documents is shown as what it is: an illustration. */
function messageCell(entry: CatalogEntry): string {
  return entry.parts.message === 'unknown'
    ? `${code(entry.message)} (illustrative: the words are not documented)`
    : code(entry.message);
}

/** The advice, with the values a client fills in shown as code. */
function adviceCell(entry: CatalogEntry): string {
  return entry.advice.replace(/\{(\w+)\}/g, (placeholder) => code(placeholder));
}

/**
 * The business error catalog: code, message, when it happens, what to do, and what EnOS
 * documents of it.
 */
export function businessErrorTable(entries: CatalogEntry[]): string {
  return table(
    ['Code', 'Message', 'When', 'What to do', 'Evidence'],
    entries.map((entry) => [
      String(entry.code),
      messageCell(entry),
      entry.when,
      adviceCell(entry),
      evidenceCell(entry),
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
