/**
 * Writes src/generated/operation-ids.ts: the contract's operation ids, read from openapi.yaml, as
 * a const list and the `OperationId` union. The file is committed (the package's build is plain
 * tsc); spec/test/operations.test.ts fails when it no longer matches the contract, and says
 * to run this script again:
 *
 *     npx tsx spec/scripts/generate-operation-ids.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const CONTRACT_FILE = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
export const GENERATED_FILE = fileURLToPath(
  new URL('../src/generated/operation-ids.ts', import.meta.url),
);

/** The HTTP methods an OpenAPI 3.0 path item keys operations by. */
const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Every operationId of the document, in the order its paths and methods are written. */
export function contractOperationIds(yamlText: string): string[] {
  const document = parse(yamlText) as {
    paths?: Record<string, Record<string, { operationId?: unknown }>>;
  };
  const ids: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      if (!METHODS.has(method)) continue;
      const id = operation?.operationId;
      if (typeof id !== 'string' || !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(id)) {
        throw new Error(`${method.toUpperCase()} ${path} has no operationId usable as a name.`);
      }
      if (ids.includes(id)) throw new Error(`The operationId "${id}" is used twice.`);
      ids.push(id);
    }
  }
  if (ids.length === 0) throw new Error('The contract has no operation.');
  return ids;
}

/** The text of src/generated/operation-ids.ts for these ids. */
export function renderOperationIds(ids: readonly string[]): string {
  const list = ids.map((id) => `  '${id}',`).join('\n');
  return `// Generated from openapi.yaml by scripts/generate-operation-ids.ts: do not edit.
// Run \`npx tsx spec/scripts/generate-operation-ids.ts\` after changing the contract's operations.

/** Every operationId of the contract, in the order the document writes them. */
export const OPERATION_IDS = [
${list}
] as const;

/** An operationId of the contract. */
export type OperationId = (typeof OPERATION_IDS)[number];
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ids = contractOperationIds(readFileSync(CONTRACT_FILE, 'utf8'));
  writeFileSync(GENERATED_FILE, renderOperationIds(ids));
  console.log(`wrote ${GENERATED_FILE}: ${ids.join(', ')}`);
}
