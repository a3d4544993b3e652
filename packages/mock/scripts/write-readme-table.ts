/** Rewrites the Prefer table of README.md from the contract. Run after the contract changes. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { documentedResponses } from '../src/documented-responses.js';
import { renderPreferTable, withPreferTable } from './prefer-table.js';

const readmePath = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmePath, 'utf8');
writeFileSync(readmePath, withPreferTable(readme, renderPreferTable(documentedResponses())));
// Biome formats Markdown too (it pads table columns): leave the README as `biome check` wants it.
const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
execFileSync(process.execPath, [biome, 'format', '--write', fileURLToPath(readmePath)]);
