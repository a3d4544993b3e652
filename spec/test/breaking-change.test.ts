import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { contractFiles } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const run = promisify(execFile);

// A parsed YAML document, edited in place by each case below.
// biome-ignore lint/suspicious/noExplicitAny: the cases reach deep into an untyped document.
type Contract = any;
const released = fileURLToPath(new URL('../released/openapi.yaml', import.meta.url));
const config = fileURLToPath(new URL('../redocly.diff.yaml', import.meta.url));
// By path, not from PATH: the version matrix runs these tests without npm's script PATH.
const redocly = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url));

/** The gate: redocly diff with diff-recommended, the released contract as its base. */
async function gate(revision: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      redocly,
      ['diff', released, revision, '--config', config],
      { env: { ...process.env, REDOCLY_TELEMETRY: 'off' } },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

function mutated(change: (doc: Contract) => void): string {
  const doc = parse(readFileSync(released, 'utf8'));
  change(doc);
  const file = join(mkdtempSync(join(tmpdir(), 'enos-contract-')), 'openapi.yaml');
  writeFileSync(file, stringify(doc));
  return file;
}

describe('breaking-change gate', () => {
  it('passes the current contract against the released one', async () => {
    const { code, output } = await gate(contractFiles.yaml);
    expect(output).toMatch(/Diff passed/);
    expect(code, `${output}\nIf this break is deliberate, run npm run contract:release.`).toBe(0);
  });

  it.each([
    [
      'a new required request field',
      (d: Contract) => {
        d.components.schemas.TriggerFlowRequest.required.push('priority');
        d.components.schemas.TriggerFlowRequest.properties.priority = { type: 'integer' };
      },
    ],
    [
      'a changed instance id type',
      (d: Contract) => {
        d.components.schemas.FlowInstanceId.properties.flowInstanceId.type = 'integer';
      },
    ],
    [
      'a removed operation',
      (d: Contract) => {
        delete d.paths['/apim-token-service/v2.0/token/get'];
      },
    ],
  ])('fails %s', async (_, change) => {
    const { code, output } = await gate(mutated(change));
    expect(output).toMatch(/major/);
    expect(code).toBe(1);
  });
});
