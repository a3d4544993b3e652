/**
 * One way to turn the contract's OpenAPI 3.0 schemas into validators, shared by every
 * package that checks a request or an answer against the contract.
 */
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './index.js';

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** OpenAPI keywords that annotate a schema without constraining it. */
const ANNOTATIONS = ['example', 'xml', 'externalDocs'];

/** The contract's `x-` extensions on schemas: annotations too (strict Ajv refuses unknowns). */
const EXTENSIONS = ['x-enos-evidence', 'x-enum-varnames', 'x-enos-terminal-statuses'];

/**
 * An Ajv that reads OpenAPI 3.0 schemas: `nullable`, the int32 and int64 formats, and the
 * contract's `x-` extensions as annotations.
 */
export function createContractAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, ...options });
  addFormats.default(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32.min && n <= INT32.max,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addVocabulary([...ANNOTATIONS, ...EXTENSIONS]);
  return ajv;
}

/** Compile one schema of the dereferenced contract. */
export function compileSchema(schema: JsonSchema, ajv = createContractAjv()): ValidateFunction {
  return ajv.compile(schema);
}
