/**
 * One Redocly config (redocly.yaml) lints both documents of the package: the contract with its
 * own rules, and the behaviour scenarios with Arazzo's alone. Each rule set must reach its
 * document and only its document: a contract rule that silently stopped applying would let a
 * parameter without an example through, and one that applied to the Arazzo would refuse its
 * parameters, whose values are runtime expressions.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { behaviourFiles } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const run = promisify(execFile);
const config = fileURLToPath(new URL('../redocly.yaml', import.meta.url));
const contract = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
// By path, not from PATH: the version matrix runs these tests without npm's script PATH.
const redocly = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

async function lint(file: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(redocly, ['lint', file, '--config', config], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('redocly.yaml', () => {
  it('passes the behaviour scenarios, with no contract rule left unused on them', async () => {
    const { code, output } = await lint(behaviourFiles.yaml);
    expect(code, output).toBe(0);
    expect(output).not.toMatch(/Unused rules|parameter-has-example/);
  });

  it('still holds the contract to its own rules: a parameter without an example fails', async () => {
    // biome-ignore lint/suspicious/noExplicitAny: the case reaches into an untyped document.
    const doc: any = parse(readFileSync(contract, 'utf8'));
    delete doc.components.parameters.UserId.example;
    const dir = mkdtempSync(join(tmpdir(), 'enos-lint-'));
    const file = join(dir, 'openapi.yaml');
    writeFileSync(file, stringify(doc));
    const { code, output } = await lint(file);
    expect(code).not.toBe(0);
    expect(output).toContain('rule/parameter-has-example');
  });
});
