/** The TypeScript samples compile against @enos-trigger/client, as a reader's editor sees them. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleFiles } from '../src/code-samples.js';
import { guideSampleFiles } from '../src/guide.js';
import { paths } from '../src/paths.js';

/** Every TypeScript sample: the operations' and the guide's. */
const typeScriptSamples = [...Object.values(sampleFiles).flat(), ...guideSampleFiles]
  .filter((sample) => sample.file.endsWith('.ts'))
  .map((sample) => join(paths.samples, sample.file));

/** A sample that calls the client wrongly: the check must catch it. */
const brokenSample = join(paths.packageRoot, 'test-results', 'trigger-flow-string-flow-id.ts');

/** Type errors of each file, with the compiler options of tsconfig.test.json (one program). */
function typeErrors(files: string[]): Map<string, string[]> {
  const configPath = join(paths.packageRoot, 'tsconfig.test.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, paths.packageRoot);
  const program = ts.createProgram(files, { ...options, noEmit: true });
  const errors = new Map(files.map((file) => [file, [] as string[]]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '(options)';
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    errors.set(file, [...(errors.get(file) ?? []), message]);
  }
  return errors;
}

describe('the TypeScript samples', () => {
  let errors: Map<string, string[]>;
  beforeAll(() => {
    mkdirSync(join(paths.packageRoot, 'test-results'), { recursive: true });
    const source = readFileSync(join(paths.samples, 'trigger-flow.ts'), 'utf8');
    writeFileSync(brokenSample, source.replace(/flowId: (\d+)/, "flowId: '$1'"));
    errors = typeErrors([...typeScriptSamples, brokenSample]);
  });

  it('type-check against the client, with no error', () => {
    expect(typeScriptSamples.length).toBeGreaterThanOrEqual(3);
    const sampleErrors = [...errors].filter(([file]) => file !== brokenSample);
    expect(sampleErrors).toEqual(typeScriptSamples.map((file) => [file, []]));
  });

  it('would fail the check if they called the client wrongly', () => {
    expect(errors.get(brokenSample)?.join('\n')).toMatch(
      /'string' is not assignable to type 'number'/,
    );
  });
});
