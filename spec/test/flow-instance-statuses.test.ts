/**
 * The statuses of a workflow instance: one list in the contract (FlowInstanceStatus), one
 * reader, and a generated union that must match them.
 */
import { readFileSync } from 'node:fs';
import {
  FLOW_INSTANCE_STATUSES,
  flowInstanceStatuses,
  type JsonSchema,
  type OpenApiDocument,
} from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_FILE,
  contractStatuses,
  GENERATED_FILE,
  renderStatuses,
} from '../scripts/generate-flow-instance-statuses.js';
import { contract } from './contract.js';

const schema = contract.components.schemas.FlowInstanceStatus as JsonSchema;

function withSchema(change: (schema: JsonSchema) => void): OpenApiDocument {
  const copy = structuredClone(contract);
  change(copy.components.schemas.FlowInstanceStatus as JsonSchema);
  return copy;
}

describe('flowInstanceStatuses', () => {
  it('has the codes and names EnOS documents on List Flow Instances', () => {
    expect(flowInstanceStatuses().map(({ code, name }) => `${code} ${name}`)).toEqual([
      '-1 FAIL',
      '0 INIT',
      '1 SUCCESS',
      '2 RUNNING',
      '3 SUSPEND',
      '4 INTERNAL_ERROR',
      '5 WAIT',
      '6 READY',
      '7 TIMEOUT',
      '8 CANCEL',
      '9 RERUN',
      '10 SKIP',
    ]);
  });

  it('marks SUCCESS, FAIL, CANCEL, TIMEOUT, SKIP and INTERNAL_ERROR final, and says that is inferred', () => {
    const terminal = flowInstanceStatuses()
      .filter((s) => s.terminal)
      .map((s) => s.name);
    expect(terminal.sort()).toEqual(
      ['CANCEL', 'FAIL', 'INTERNAL_ERROR', 'SKIP', 'SUCCESS', 'TIMEOUT'].sort(),
    );
    const marker = schema['x-enos-terminal-statuses'] as Record<string, unknown>;
    expect(marker['x-enos-evidence']).toBe('inferred');
    expect(marker.description).toMatch(/\*Inferred:\*/);
  });

  it('reads the schema it is given: codes from enum, names from x-enum-varnames, in order', () => {
    const renamed = withSchema((s) => {
      (s['x-enum-varnames'] as string[])[0] = 'FAILED';
      (s['x-enos-terminal-statuses'] as { names: string[] }).names = ['FAILED'];
    });
    expect(flowInstanceStatuses(renamed)[0]).toEqual({ code: -1, name: 'FAILED', terminal: true });
    expect(flowInstanceStatuses(renamed).filter((s) => s.terminal)).toHaveLength(1);
  });

  it.each([
    ['names one short', (s: JsonSchema) => (s['x-enum-varnames'] as string[]).pop()],
    ['a repeated name', (s: JsonSchema) => ((s['x-enum-varnames'] as string[])[1] = 'FAIL')],
    ['a code that is not an integer', (s: JsonSchema) => ((s.enum as unknown[])[0] = 'x')],
    [
      'a final status that is no name',
      (s: JsonSchema) => (s['x-enos-terminal-statuses'] as { names: string[] }).names.push('DONE'),
    ],
  ])('refuses a schema with %s, naming what to fix', (_, change) => {
    expect(() => flowInstanceStatuses(withSchema(change))).toThrow(
      /fix components\.schemas\.FlowInstanceStatus/,
    );
  });
});

describe('the generated FLOW_INSTANCE_STATUSES', () => {
  it('is what the generator writes from openapi.yaml (run npx tsx spec/scripts/generate-flow-instance-statuses.ts if not)', () => {
    const statuses = contractStatuses(readFileSync(CONTRACT_FILE, 'utf8'));
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(renderStatuses(statuses));
  });

  it('equals the reader on the built contract', () => {
    expect(FLOW_INSTANCE_STATUSES).toEqual(flowInstanceStatuses());
  });
});
