import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { duplicatedEncryptionError, findOperation } from '@enos-trigger/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { readCodeSamples, type SampledOperation, sampleFiles } from '../src/code-samples.js';
import { DocsBuildError } from '../src/errors.js';
import { guideSampleFiles } from '../src/guide.js';
import { paths } from '../src/paths.js';

const OPERATIONS = Object.keys(sampleFiles) as SampledOperation[];
const source = (file: string) => readFileSync(join(paths.samples, file), 'utf8');

describe('the code samples', () => {
  it('are TypeScript, curl and Java for every documented operation', () => {
    for (const operationId of OPERATIONS) {
      expect(sampleFiles[operationId].map((sample) => sample.label)).toEqual([
        'TypeScript',
        'curl',
        'Java',
      ]);
      expect(readCodeSamples(operationId).map((sample) => sample.source)).toEqual(
        sampleFiles[operationId].map(({ file }) => source(file)),
      );
    }
  });

  it("call each operation's path of the contract (the TypeScript client knows its own)", () => {
    for (const operationId of OPERATIONS) {
      const { path } = findOperation(operationId);
      for (const { label, file } of sampleFiles[operationId]) {
        if (operationId === 'triggerFlow' && label === 'TypeScript') continue;
        expect(source(file), `${file} calls ${path}`).toContain(path);
      }
    }
  });

  it("trigger the contract's example flow, user and organization, now (the guide's too)", () => {
    const { operation } = findOperation('triggerFlow');
    const body = operation.requestBody?.content['application/json']?.example as Record<
      string,
      unknown
    >;
    const query = Object.fromEntries(
      (operation.parameters ?? []).map((parameter) => [parameter.name, parameter.example]),
    );
    // How each sample reads the current time, in epoch milliseconds.
    const now: Record<string, string> = {
      TypeScript: 'triggerTime: Date.now()',
      curl: '\\"triggerTime\\":$(date +%s)000',
      Java: 'body.put("triggerTime", System.currentTimeMillis());',
    };
    for (const { label, file } of [...sampleFiles.triggerFlow, ...guideSampleFiles]) {
      for (const value of [body.flowId, query.userId, query.orgId]) {
        expect(source(file), `${file} sends ${String(value)}`).toContain(String(value));
      }
      expect(source(file), `${file} triggers now`).toContain(now[label]);
      // The example's trigger time (2019) is the contract's worked example, not a time to send.
      expect(source(file), `${file} sends no fixed trigger time`).not.toContain(
        String(body.triggerTime),
      );
    }
  });

  it("ask again, by hand, on the contract's duplicatedEncryption code", () => {
    // The samples that send the token request themselves; the client and Poseidon do their own.
    const byHand = [
      ...sampleFiles.getAccessToken.map(({ file }) => file),
      'trigger-flow.sh',
      ...guideSampleFiles.filter(({ label }) => label === 'curl').map(({ file }) => file),
    ];
    const { code } = duplicatedEncryptionError();
    for (const file of byHand) {
      expect(source(file), `${file} knows ${code}`).toContain(String(code));
      expect(source(file), `${file} sends 4 token requests at most`).toMatch(/4 requests at most/);
    }
  });
});

describe('reading a sample that is not there', () => {
  const emptyDir = mkdtempSync(join(tmpdir(), 'enos-docs-samples-'));
  afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

  it('fails with a DocsBuildError that names the file', () => {
    expect(() => readCodeSamples('triggerFlow', emptyDir)).toThrow(DocsBuildError);
    expect(() => readCodeSamples('triggerFlow', emptyDir)).toThrow(
      `cannot be read at ${join(emptyDir, 'trigger-flow.ts')}`,
    );
  });

  it('fails with a DocsBuildError when a sample is empty', () => {
    for (const { file } of sampleFiles.triggerFlow) writeFileSync(join(emptyDir, file), '\n');
    expect(() => readCodeSamples('triggerFlow', emptyDir)).toThrow(/TypeScript sample .* is empty/);
  });
});
