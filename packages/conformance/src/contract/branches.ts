/**
 * The two branches of an operation's 200 answer (`oneOf`): the success, which its success
 * example matches, and the business error, which its error catalog's examples match. Found by
 * validating the examples, so no schema name is assumed. Kept apart from the view because it
 * needs Ajv, which the Dredd worker never loads.
 */
import type { JsonSchema } from '@enos-trigger/spec';
import { validator } from './validators.js';
import { ContractShapeError, type OperationView } from './view.js';

export interface Branches {
  success: JsonSchema;
  error: JsonSchema;
}

const cache = new WeakMap<OperationView, Branches>();

export function answerBranches(op: OperationView): Branches {
  let found = cache.get(op);
  if (!found) {
    const oneOf = (op.answer200.oneOf ?? []) as JsonSchema[];
    const matching = (value: unknown, what: string): JsonSchema => {
      const branch = oneOf.find((b) => validator(b)(value));
      if (!branch)
        throw new ContractShapeError(`No branch of ${op.id}'s 200 answer matches ${what}.`);
      return branch;
    };
    const firstError = op.catalog[0] as OperationView['catalog'][number];
    found = {
      success: matching(op.successValue, 'its success example'),
      error: matching(firstError.value, `the example "${firstError.name}"`),
    };
    cache.set(op, found);
  }
  return found;
}
