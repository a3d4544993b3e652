/**
 * behaviour.arazzo.yaml against the contract it names: every step's operation is one of the
 * contract's, and every business code a step expects is a code that operation documents (0, or
 * an entry of its error catalog). A renamed operation or a changed code fails here, not as a
 * puzzling Respect run.
 */
import { readFileSync } from 'node:fs';
import { documentOperations, errorCatalog, type OperationId } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { behaviourArazzoFile } from '../src/respect/files.js';

const text = readFileSync(behaviourArazzoFile(), 'utf8');
const steps = text
  .split(/^\s+- stepId: /m)
  .slice(1)
  .map((block) => ({
    id: block.split('\n')[0]?.trim(),
    operationId: /^\s+operationId: (\w+)$/m.exec(block)?.[1],
    codes: [...block.matchAll(/\$response\.body#\/code == (\d+)/g)].map((m) => Number(m[1])),
  }));

describe('behaviour.arazzo.yaml', () => {
  it('names its source as ./openapi.yaml, beside it, and steps by operationId only', () => {
    expect(text).toMatch(
      /sourceDescriptions:\n\s+- name: enos\n\s+url: \.\/openapi\.yaml\n\s+type: openapi/,
    );
    expect(text).not.toMatch(/operationPath:|x-operation:/);
    expect(steps.length).toBeGreaterThanOrEqual(15);
  });

  it('calls only operations of the contract, expecting only codes they document', () => {
    const known = new Set(documentOperations().map((op) => op.operationId as string));
    for (const step of steps) {
      expect(known.has(step.operationId ?? ''), `${step.id}: ${step.operationId}`).toBe(true);
      const documented = [0, ...errorCatalog(step.operationId as OperationId).map((e) => e.code)];
      for (const code of step.codes)
        expect(documented, `${step.id} expects ${code}`).toContain(code);
    }
  });
});
