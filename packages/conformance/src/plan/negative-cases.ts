/**
 * The negative lane's requests, generated with fast-check from a seed, so a run can be listed
 * ahead (--dry-run) and repeated (--seed). Each category breaks the contract one way; ajv,
 * reading the contract's request schema, confirms that every generated body is invalid.
 *
 * Safe against production: a body that names the run's flow carries the run's own trigger time
 * (or a fraction of a millisecond from it), or a value no server can read as a time. Whatever a
 * lenient server makes of it, it can only ask for the instance the run already started.
 * Booleans and null, which a lenient server might read as 0 or as "now", go only with flow 0,
 * which the contract rules out.
 */
import type { JsonSchema } from '@enos-trigger/spec';
import fc from 'fast-check';
import { validator } from '../contract/validators.js';
import type { ContractView } from '../contract/view.js';
import {
  display,
  FLOW,
  object,
  render,
  type TemplateValues,
  TIME,
  VALID_BODY,
} from './negative-templates.js';

export const CATEGORIES = [
  'wrong-types',
  'missing-fields',
  'junk-json',
  'huge-numbers',
  'bad-signatures',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_TITLES: Record<Category, string> = {
  'wrong-types': 'wrong types',
  'missing-fields': 'missing fields',
  'junk-json': 'junk JSON',
  'huge-numbers': 'huge numbers',
  'bad-signatures': 'bad signatures',
};

export const SIGNATURE_FLAWS = [
  'random-signature',
  'signed-other-body',
  'signed-other-query',
  'wrong-secret',
  'timestamp-mismatch',
  'no-signature',
  'no-token',
  'wrong-token',
] as const;
export type SignatureFlaw = (typeof SIGNATURE_FLAWS)[number];

export interface NegativeCase {
  category: Category;
  /** What is wrong with it, in a few words. */
  label: string;
  /** The body, with FLOW and TIME placeholders. */
  template: string;
  /** Only bad-signatures cases sign wrongly. */
  flaw?: SignatureFlaw;
}

const noNul = (s: string) => !s.includes('\u0000');
const isFiniteNumberText = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/** Text no server reads as a number. */
const nonNumericText = fc
  .string({ minLength: 1, maxLength: 12 })
  .filter((s) => noNul(s) && s.trim() !== '' && !isFiniteNumberText(s));
const nonNumericString = nonNumericText.map((s) => JSON.stringify(s));
const smallObject = fc
  .dictionary(
    fc.string({ maxLength: 6 }).filter(noNul),
    fc.oneof(fc.string({ maxLength: 6 }), fc.boolean()),
    {
      maxKeys: 3,
    },
  )
  .map((o) => JSON.stringify(o));
const stringArray = fc.array(nonNumericText, { maxLength: 3 }).map((a) => JSON.stringify(a));

const wrongTypes: fc.Arbitrary<NegativeCase> = fc
  .oneof(
    fc
      .oneof(
        nonNumericString,
        smallObject,
        stringArray,
        fc.constant('null'),
        fc.constant(`${FLOW}.5`),
      )
      .map((v) => ({
        label: `flowId ${v}`,
        template: object([
          ['flowId', v],
          ['triggerTime', TIME],
        ]),
      })),
    fc.oneof(nonNumericString, smallObject, stringArray, fc.constant(`${TIME}.5`)).map((v) => ({
      label: `triggerTime ${v}`,
      template: object([
        ['flowId', FLOW],
        ['triggerTime', v],
      ]),
    })),
    fc.constantFrom('true', 'false', 'null').map((v) => ({
      label: `flowId 0, triggerTime ${v}`,
      template: object([
        ['flowId', '0'],
        ['triggerTime', v],
      ]),
    })),
  )
  .map((c) => ({ ...c, category: 'wrong-types' as const }));

const junkKey = fc
  .string({ minLength: 1, maxLength: 8 })
  .filter((k) => noNul(k) && !['flowid', 'triggertime'].includes(k.toLowerCase()));
const missingFields: fc.Arbitrary<NegativeCase> = fc
  .tuple(
    fc.constantFrom<[string, [string, string][]]>(
      ['no field', []],
      ['no flowId', [['triggerTime', TIME]]],
    ),
    fc.dictionary(junkKey, fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), { maxKeys: 3 }),
  )
  .map(([[label, fields], extra]) => ({
    category: 'missing-fields' as const,
    label: Object.keys(extra).length > 0 ? `${label}, other fields` : label,
    template: object([
      ...fields,
      ...Object.entries(extra).map(([k, v]): [string, string] => [k, JSON.stringify(v)]),
    ]),
  }));

const MALFORMED = [
  `{"flowId":${FLOW},"triggerTime":${TIME},}`,
  `{'flowId':${FLOW},'triggerTime':${TIME}}`,
  `{"flowId":${FLOW} "triggerTime":${TIME}}`,
  `{"flowId":${FLOW},"triggerTime":${TIME}`,
  `{"flowId":${FLOW},/* comment */"triggerTime":${TIME}}`,
  `{flowId:${FLOW},triggerTime:${TIME}}`,
  `{"flowId":${FLOW},"triggerTime":${TIME}}}`,
  `{"flowId":${FLOW},"triggerTime":${TIME}} trailing`,
  `{"flowId":NaN,"triggerTime":${TIME}}`,
  `{"flowId":${FLOW},"triggerTime":Infinity}`,
  `[${FLOW},${TIME}]`,
  'null',
  '[]',
  '0',
  '"text"',
  'true',
  '',
];
const junkJson: fc.Arbitrary<NegativeCase> = fc
  .oneof(
    fc.constantFrom(...MALFORMED),
    fc.string({ maxLength: 40 }).filter((s) => noNul(s) && !parses(s)),
    // A valid body cut short, never inside the trigger time's digits.
    fc.integer({ min: 1, max: VALID_BODY.indexOf(TIME) }).map((n) => VALID_BODY.slice(0, n)),
  )
  .map((template) => ({
    category: 'junk-json' as const,
    label: `body ${JSON.stringify(template)}`,
    template,
  }));

const pow = (base: bigint, exp: bigint) => base ** exp;
const hugeNumbers: fc.Arbitrary<NegativeCase> = fc
  .oneof(
    fc
      .oneof(
        fc.bigInt({ min: pow(2n, 31n), max: pow(10n, 40n) }),
        fc.bigInt({ min: -pow(10n, 40n), max: -pow(2n, 31n) - 1n }),
      )
      .map((n) => ({
        label: `flowId ${n}`,
        template: object([
          ['flowId', String(n)],
          ['triggerTime', TIME],
        ]),
      })),
    fc.integer({ min: 10, max: 400 }).map((e) => ({
      label: `flowId 1e${e}`,
      template: object([
        ['flowId', `1e${e}`],
        ['triggerTime', TIME],
      ]),
    })),
    fc
      .oneof(
        fc.bigInt({ min: pow(2n, 63n), max: pow(10n, 400n) }),
        fc.bigInt({ min: -pow(10n, 400n), max: -pow(2n, 63n) - 1n }),
      )
      .map((n) => ({
        label: `triggerTime of ${String(n).length} digits`,
        template: object([
          ['flowId', FLOW],
          ['triggerTime', String(n)],
        ]),
      })),
    fc.integer({ min: 19, max: 400 }).map((e) => ({
      label: `triggerTime 1e${e}`,
      template: object([
        ['flowId', FLOW],
        ['triggerTime', `1e${e}`],
      ]),
    })),
  )
  .map((c) => ({ ...c, category: 'huge-numbers' as const }));

const badSignatures: fc.Arbitrary<NegativeCase> = fc
  .constantFrom(...SIGNATURE_FLAWS)
  .map((flaw) => ({
    category: 'bad-signatures' as const,
    label: flaw.replaceAll('-', ' '),
    template: VALID_BODY,
    flaw,
  }));

const ARBITRARIES: Record<Category, fc.Arbitrary<NegativeCase>> = {
  'wrong-types': wrongTypes,
  'missing-fields': missingFields,
  'junk-json': junkJson,
  'huge-numbers': hugeNumbers,
  'bad-signatures': badSignatures,
};

/**
 * `runs` cases of each category from `seed`. Body categories keep only bodies the contract's
 * request schema rejects (a generator that produced a valid body would test nothing).
 */
export function generateCases(
  view: ContractView,
  runs: number,
  seed: number,
  sample: TemplateValues,
): Map<Category, NegativeCase[]> {
  const validate = validator(view.trigger.requestSchema as JsonSchema);
  const invalid = (c: NegativeCase) => {
    if (c.flaw) return true;
    const body = render(c.template, sample);
    return !parses(body) || !validate(JSON.parse(body));
  };
  return new Map(
    CATEGORIES.map((category, i) => [
      category,
      runs === 0
        ? []
        : fc
            .sample(ARBITRARIES[category].filter(invalid), { seed: seed + i, numRuns: runs })
            .map((c) => ({ ...c, label: display(c.label) })),
    ]),
  );
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
