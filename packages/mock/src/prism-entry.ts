/**
 * Prism's CLI entry and Prism's own spec reader, resolved from this package's dependency on
 * Prism (never npx): the mock reads a contract with the parser Prism reads it with.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PRISM_MANIFEST = createRequire(import.meta.url).resolve('@stoplight/prism-cli/package.json');

export function prismEntry(): string {
  const manifest = JSON.parse(readFileSync(PRISM_MANIFEST, 'utf8')) as { bin: { prism: string } };
  return join(dirname(PRISM_MANIFEST), manifest.bin.prism);
}

/** What the mock uses of `@stoplight/json-schema-ref-parser`, the reader Prism loads specs with. */
export interface PrismRefParser {
  bundle(file: string, options: RefParserOptions): Promise<unknown>;
  dereference(document: unknown, options: RefParserOptions): Promise<unknown>;
}

export interface RefParserOptions {
  resolve?: { http?: false };
}

/** A new instance of the ref parser Prism depends on (Prism 5.14.2 pins its version). */
export function prismRefParser(): PrismRefParser {
  const RefParser = createRequire(PRISM_MANIFEST)(
    '@stoplight/json-schema-ref-parser',
  ) as new () => PrismRefParser;
  return new RefParser();
}
