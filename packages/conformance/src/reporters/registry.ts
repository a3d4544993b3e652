/**
 * Every reporter of a run, in the order each hears the stream: the terminal first, then the
 * files of --report-dir (`junit.xml` for CI, `report.md` for people).
 */
import { JUNIT_FILE, junitReporter } from './junit.js';
import { MARKDOWN_FILE, markdownReporter } from './markdown.js';
import type { ReporterFactory } from './reporter.js';
import { terminalReporter } from './terminal.js';

export const REPORTERS: readonly ReporterFactory[] = [
  terminalReporter,
  junitReporter,
  markdownReporter,
];

/** The files the reporters write into --report-dir. */
export const REPORT_FILES = { junit: JUNIT_FILE, markdown: MARKDOWN_FILE } as const;
