/**
 * The negative lane of an operation without a role, from the contract alone: requests that
 * break one query parameter's schema each (a required one left out, a value of the wrong type
 * or outside its bounds), and, for an operation with a body, requests whose body breaks its
 * schema (plan/body-cases.ts); everything else as the contract's examples make it. Sent,
 * correctly signed, by negative/parameter-lane.ts.
 *
 * The examples, not the run's links: a request with a valid body and a broken query could be
 * read by a lenient server as a valid call, and the instance the examples name is one the
 * contract itself shows as finished, so such a call changes nothing.
 */
import type { JsonSchema } from '@enos-trigger/spec';
import { validator } from '../contract/validators.js';
import type { OperationView } from '../contract/view.js';
import type { Identity, Query } from '../http/api.js';
import { bodyCases } from './body-cases.js';
import { exampleRequest } from './requests.js';

export interface ParameterCase {
  label: string;
  query: Query;
  /** The body it sends: the examples' one, or a broken one. */
  body: string;
}

/** Values tried for each parameter; only those its schema refuses are sent. */
const CANDIDATES = ['', ' ', 'not-a-number', '-1', '0', '1.5', '1e400', 'x'.repeat(300), 'null'];

/** Does the schema accept the query value (a number type reads it as a number)? */
function accepts(schema: JsonSchema, value: string): boolean {
  const type = schema.type;
  if (type === 'integer' || type === 'number') {
    const n = value.trim() === '' ? Number.NaN : Number(value);
    return Number.isFinite(n) && validator(schema)(n);
  }
  return validator(schema)(value);
}

/**
 * The generated requests of an operation: at most `runs` that break a query parameter, and at
 * most `runs` that break the body; none for what it does not have.
 */
export function parameterCases(
  op: OperationView,
  identity: Identity,
  runs: number,
): ParameterCase[] {
  const example = exampleRequest(op, identity);
  const bodies = bodyCases(op, example.body, runs).map((c) => ({ ...c, query: example.query }));
  return [...queryCases(op, example.query, example.body, runs), ...bodies];
}

function queryCases(op: OperationView, base: Query, body: string, runs: number): ParameterCase[] {
  const cases: ParameterCase[] = [];
  for (const param of op.query) {
    const values = param.schema.enum as unknown[] | undefined;
    // A fixed value tells operations of one path apart: another one is another operation.
    if (param.required && Array.isArray(values) && values.length === 1) continue;
    if (param.required) {
      cases.push({
        label: `no ${param.name}`,
        query: base.filter(([name]) => name !== param.name),
        body,
      });
    }
    for (const value of CANDIDATES) {
      if (accepts(param.schema, value)) continue;
      const query: Query = base.some(([name]) => name === param.name)
        ? base.map(([name, v]) => [name, name === param.name ? value : v])
        : [...base, [param.name, value]];
      const shown =
        value.length > 20 ? `${value.slice(0, 20)}… (${value.length} characters)` : value;
      cases.push({ label: `${param.name}=${JSON.stringify(shown)}`, query, body });
    }
  }
  return cases.slice(0, runs);
}
