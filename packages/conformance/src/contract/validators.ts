/**
 * One Ajv for the whole run: building one (with its formats) and compiling on it is the costly
 * part of validation, so every schema of the contract is compiled on this one, once.
 */
import type { JsonSchema } from '@enos-trigger/spec';
import { compileSchema, createContractAjv } from '@enos-trigger/spec/validation';

let ajv: ReturnType<typeof createContractAjv> | undefined;
const compiled = new WeakMap<JsonSchema, (data: unknown) => boolean>();

/** A validator of one schema of the dereferenced contract, compiled once. */
export function validator(schema: JsonSchema): (data: unknown) => boolean {
  let validate = compiled.get(schema);
  if (!validate) {
    ajv ??= createContractAjv();
    validate = compileSchema(schema, ajv);
    compiled.set(schema, validate);
  }
  return validate;
}
