/**
 * A contract file as the mock serves it: read with Prism's own reader, the copy Prism gets (its
 * query-carrying path keys as internal paths), and the routing on both sides of Prism.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenApiDocument } from '@enos-trigger/spec';
import { InvalidContractError } from './errors.js';
import { withInternalPaths } from './internal-paths.js';
import { prismRefParser, type RefParserOptions } from './prism-entry.js';
import { backRouting, frontRouting, type Routing } from './routes.js';

export interface ServedContract {
  /** What Prism serves: the contract, bundled, with internal paths (see internal-paths.ts). */
  document: OpenApiDocument;
  /** Client → Prism. */
  front: Routing;
  /** Prism → `upstream`, for the proxy. */
  back(upstream: URL): Routing;
}

// A `$ref` to a URL is not fetched: the mock opens no connection of its own.
const LOCAL_ONLY: RefParserOptions = { resolve: { http: false } };

export async function readServedContract(file: string): Promise<ServedContract> {
  try {
    const bundled = (await prismRefParser().bundle(file, LOCAL_ONLY)) as OpenApiDocument;
    if (typeof bundled?.paths !== 'object' || bundled.paths === null) {
      throw new Error('it has no `paths`.');
    }
    const { document, internalPaths } = withInternalPaths(bundled);
    // The matcher reads parameter schemas, which a bundled document may hold behind `$ref`s.
    const contract = (await prismRefParser().dereference(
      structuredClone(bundled),
      LOCAL_ONLY,
    )) as OpenApiDocument;
    const front = frontRouting(contract, internalPaths);
    return { document, front, back: (upstream) => backRouting(internalPaths, upstream) };
  } catch (error) {
    throw new InvalidContractError(file, error instanceof Error ? error.message : String(error));
  }
}

/**
 * Writes the served document to a file of its own, for Prism, which is removed once Prism has
 * exited. Not sooner: Prism's CLI sets up a file watcher on its document after it starts
 * listening, and a file removed while chokidar sets that watcher up crashes Prism
 * ("Cannot read properties of undefined (reading 'close')" in chokidar's nodefs-handler).
 */
export function writeDocumentFile(document: OpenApiDocument): { file: string; remove(): void } {
  const directory = mkdtempSync(join(tmpdir(), 'enos-trigger-mock-'));
  const file = join(directory, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  return { file, remove: () => rmSync(directory, { recursive: true, force: true }) };
}
