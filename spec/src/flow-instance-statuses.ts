/**
 * The statuses of a workflow instance, read from the contract's FlowInstanceStatus schema: its
 * `enum` gives the codes, `x-enum-varnames` the name of each code in the same order, and
 * `x-enos-terminal-statuses` the names of the final ones (inferred). One place holds them; the
 * spec reader and the generated TypeScript union both come from here.
 */
import type { JsonSchema } from './index.js';

/** The schema's name in `components.schemas`. */
export const FLOW_INSTANCE_STATUS_SCHEMA = 'FlowInstanceStatus';

export interface FlowInstanceStatusInfo {
  code: number;
  /** As `statusDesc` carries it: `SUCCESS`. */
  name: string;
  /** Final: the instance never changes again (inferred, see the schema). */
  terminal: boolean;
}

/** The statuses a FlowInstanceStatus schema declares, in its `enum` order. */
export function statusesOfSchema(schema: JsonSchema | undefined): FlowInstanceStatusInfo[] {
  const fix = (problem: string) =>
    new Error(
      `The contract's ${FLOW_INSTANCE_STATUS_SCHEMA} ${problem}: fix components.schemas.${FLOW_INSTANCE_STATUS_SCHEMA}.`,
    );
  if (!schema) throw fix('schema is missing');
  const codes = schema.enum;
  const names = schema['x-enum-varnames'];
  const terminal = (schema['x-enos-terminal-statuses'] as { names?: unknown } | undefined)?.names;
  if (!Array.isArray(codes) || !codes.every((code) => Number.isInteger(code))) {
    throw fix('needs an enum of integer codes');
  }
  if (
    !Array.isArray(names) ||
    names.length !== codes.length ||
    !names.every((name) => typeof name === 'string' && /^[A-Z][A-Z0-9_]*$/.test(name))
  ) {
    throw fix('needs x-enum-varnames: one UPPER_CASE name per code of its enum, in that order');
  }
  if (new Set(codes).size !== codes.length || new Set(names).size !== names.length) {
    throw fix('repeats a code or a name');
  }
  if (!Array.isArray(terminal) || !terminal.every((name) => names.includes(name))) {
    throw fix('needs x-enos-terminal-statuses.names: names of its x-enum-varnames');
  }
  return codes.map((code, i) => ({
    code: code as number,
    name: names[i] as string,
    terminal: terminal.includes(names[i]),
  }));
}
