/**
 * The generated code follows the contract: a build is never stale, and a business error
 * added to the spec reaches the client's types with no other edit.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contractFiles, loadContract, type OpenApiDocument } from '@enos-trigger/spec';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { generate } from '../scripts/generate.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package, so that the probe resolves openapi-fetch like the sources do.
const cache = join(packageDir, 'node_modules/.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'codegen-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('src/generated', () => {
  it('is what the current contract generates (rebuild when this fails)', async () => {
    const fresh = join(work, 'fresh');
    await generate(loadContract(), fresh, pathToFileURL(contractFiles.yaml));
    const built = join(packageDir, 'src/generated');
    expect(readdirSync(built).sort()).toEqual(readdirSync(fresh).sort());
    for (const file of readdirSync(fresh)) {
      expect(readFileSync(join(built, file), 'utf8'), file).toBe(
        readFileSync(join(fresh, file), 'utf8'),
      );
    }
  });
});

/** Type errors of a probe module compiled with the package's sources and `contract`. */
async function probeErrors(
  contract: OpenApiDocument,
  name: string,
  probe: string,
): Promise<string[]> {
  const dir = join(work, name);
  cpSync(join(packageDir, 'src'), join(dir, 'src'), {
    recursive: true,
    filter: (source) => !source.includes('generated'),
  });
  await generate(contract, join(dir, 'src/generated'));
  writeFileSync(join(dir, 'src/probe.ts'), probe);
  const program = ts.createProgram([join(dir, 'src/probe.ts')], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    // The probe reaches failures.ts and the generated catalog only: no DOM needed.
    lib: ['lib.es2022.d.ts'],
    types: [],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a business error added to the spec', () => {
  const probe = [
    "import type { BusinessError } from './failures.js';",
    'declare const error: BusinessError;',
    'export const isNew = error.code === 62199;',
    '',
  ].join('\n');

  // Each compiles a small TypeScript program: seconds, not milliseconds.
  const slow = { timeout: 30_000 };

  it('is not a code of the types before', slow, async () => {
    const errors = await probeErrors(loadContract(), 'before', probe);
    expect(errors.join('\n')).toMatch(/no overlap/);
  });

  it('is one after, with no edit but the spec', slow, async () => {
    const contract = structuredClone(loadContract());
    const media =
      contract.paths['/batch-processing-service/v2.1/flows']?.post?.responses['200']?.content?.[
        'application/json'
      ];
    if (!media?.examples) throw new Error('The contract has no Trigger Flow 200 examples.');
    media.examples.quotaExceeded = {
      summary: '62199 · quota exceeded',
      description: 'A code added for this test.',
      'x-enos-error': {
        evidence: { code: 'inferred', message: 'inferred', status: 'inferred', when: 'inferred' },
        basis: 'This test.',
        advice: 'Wait for the quota to renew.',
      },
      value: { code: 62199, msg: 'Quota exceeded.', data: null },
    };
    expect(await probeErrors(contract, 'after', probe)).toEqual([]);
    // Its advice reaches the failure messages too.
    const generated = readFileSync(join(work, 'after/src/generated/contract.ts'), 'utf8');
    expect(generated).toContain('[62199,"Wait for the quota to renew."]');
  });
});
