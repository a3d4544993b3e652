/**
 * The bundled contract with the spec's extra operation added (`withExtraOperation`: a GET that
 * no source file knows), written to a file for Prism: the proof that the mock follows the
 * contract, not a list of operations.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContract, type OpenApiDocument } from '@enos-trigger/spec';
import { withExtraOperation } from '@enos-trigger/spec/testing';

export interface ExtraContract {
  /** The copy, as a file for Prism. */
  file: string;
  /** The copy, for the spec's readers. */
  contract: OpenApiDocument;
  remove(): void;
}

export function writeExtraContract(): ExtraContract {
  const contract = withExtraOperation(loadContract());
  const dir = mkdtempSync(join(tmpdir(), 'enos-mock-extra-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(contract, null, 2));
  return { file, contract, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
