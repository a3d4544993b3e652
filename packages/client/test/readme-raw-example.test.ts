/**
 * The README's raw example compiles as a user would compile it: the ```ts block under
 * "### Raw access", as it is, against the built package (`@enos-trigger/client/raw` through its
 * `exports`), with this package's strict test settings. `client` is the one the README's "Use"
 * section creates.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
// Inside the package, so that the example resolves @enos-trigger/client as an application does.
const cache = join(packageDir, 'node_modules/.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(join(cache, 'readme-raw-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The first ```ts block after `heading` in the README, without the list item's indent. */
function readmeBlock(heading: string): string {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf(`\n${heading}\n`));
  const block = /^( *)```ts\n([\s\S]*?)^\1```$/m.exec(section);
  if (!block?.[2]) throw new Error(`README.md has no \`\`\`ts block under "${heading}".`);
  const indent = block[1] ?? '';
  return block[2]
    .split('\n')
    .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line))
    .join('\n');
}

/** Type errors of `source` compiled as a module of this package, with tsconfig.test.json. */
function typeErrors(source: string): string[] {
  const file = join(work, 'example.ts');
  writeFileSync(file, source);
  const config = ts.readConfigFile(join(packageDir, 'tsconfig.test.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, packageDir);
  const program = ts.createProgram([file], { ...options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the README raw example', () => {
  const example = readmeBlock('### Raw access');

  it('reads the instance ID from the answer', () => {
    expect(example).toMatch(/createRawClient\(client\)/);
    expect(example).toMatch(/\.flowInstanceId\b/);
  });

  // A TypeScript program over the package's declarations and the DOM: seconds, not milliseconds.
  it('compiles, with the client of the "Use" section', { timeout: 30_000 }, () => {
    const useSection = [
      "import { createTriggerFlowClient } from '@enos-trigger/client';",
      '',
      'const client = createTriggerFlowClient({',
      "  baseUrl: 'http://127.0.0.1:4020',",
      "  appKey: 'sandbox-app-key',",
      "  appSecret: 'sandbox-app-secret',",
      '});',
      '',
    ].join('\n');
    expect(typeErrors(`${useSection}${example}export {};\n`)).toEqual([]);
  });
});
