/**
 * Figure 6: spec-to-types generation time with openapi-typescript's Node API (as the client's
 * build runs it) for the bundled contract against a minimal one-operation spec written to a
 * temporary folder: how the cost grows with the document. The goal is that it grows no faster
 * than the document does: the time ratio at most the size ratio.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { contractFiles } from '@enos-trigger/spec';
import openapiTS, { astToString } from 'openapi-typescript';
import { type Figure, figure, median } from '../figure.js';
import type { Profile } from '../profile.js';

/** The smallest useful document: one GET answering one object with one string. */
const MINIMAL_SPEC = `openapi: 3.0.3
info:
  title: Minimal
  version: 1.0.0
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '200':
          description: Pong.
          content:
            application/json:
              schema:
                type: object
                properties:
                  pong:
                    type: string
`;

/** Milliseconds to turn the document at `url` into TypeScript source. */
async function generationMs(url: URL): Promise<number> {
  const started = performance.now();
  astToString(await openapiTS(url, { silent: true }));
  return performance.now() - started;
}

export async function measureGeneration(
  profile: Profile,
): Promise<{ generation_vs_minimal: Figure }> {
  const dir = mkdtempSync(join(tmpdir(), 'enos-bench-spec-'));
  try {
    const minimalFile = join(dir, 'minimal.yaml');
    writeFileSync(minimalFile, MINIMAL_SPEC);
    const documents = {
      contract: pathToFileURL(contractFiles.yaml),
      minimal: pathToFileURL(minimalFile),
    };
    const samples = { contract: [] as number[], minimal: [] as number[] };
    const { rounds, warmupRounds } = profile.generation;
    for (let round = 0; round < warmupRounds + rounds; round++) {
      const order =
        round % 2 === 0 ? (['contract', 'minimal'] as const) : (['minimal', 'contract'] as const);
      for (const name of order) {
        const ms = await generationMs(documents[name]);
        if (round >= warmupRounds) samples[name].push(ms);
      }
    }
    const bytes = {
      contract: statSync(contractFiles.yaml).size,
      minimal: statSync(minimalFile).size,
    };
    const sizeRatio = bytes.contract / bytes.minimal;
    return {
      generation_vs_minimal: figure({
        value: median(samples.contract),
        baseline: median(samples.minimal),
        unit: 'ms',
        valueLabel: 'bundled contract',
        baselineLabel: 'minimal spec',
        goal: { on: 'ratio', atMost: Number(sizeRatio.toFixed(1)) },
        detail: {
          bytes,
          sizeRatio,
          rounds,
          generator: 'openapi-typescript 7.13.0 Node API, openapiTS + astToString',
        },
        note: `The contract is ${bytes.contract} B of YAML, the minimal spec ${bytes.minimal} B (${sizeRatio.toFixed(1)}×): the goal is that time grows no faster than the document. Medians of warm runs in this process.`,
      }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
