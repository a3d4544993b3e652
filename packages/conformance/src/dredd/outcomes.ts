/**
 * Dredd's verdict on each transaction, turned into report rows, each failure one plain sentence
 * in the run's own words (never Gavel's: no "No enum match", no "[object Object]").
 *
 * Gavel checks three parts of an answer (status, headers, body) and says where each problem is;
 * each failing part is a violation with the evidence the plan gives that part. A business error
 * is checked part by part, each with the evidence its catalog entry gives that part:
 *
 * - that the request is refused at all (a success instead is against its `when`);
 * - its code (another code is against its `code`, and its `when`: the weaker of the two);
 * - its message (another text is against its `message`: a difference in words the contract
 *   does not know is information, never a failure, even with --strict);
 * - its HTTP status (its `status`), and the rest of its body (the envelope's schema, `data`).
 *
 * So a business error sent with HTTP 409 is an inferred violation (the contract infers HTTP 200),
 * a wrong documented message a documented one, and other words for a token service code
 * information. Where the server answered another entry of the catalog, the row's hint is that
 * entry's advice, filled with the request's values: it says what the answer means.
 */
import { adviceFor } from '../contract/advice.js';
import {
  answeredEntry,
  type CatalogExample,
  type ContractView,
  contractView,
  type OperationView,
  ROLE_OPERATIONS,
} from '../contract/view.js';
import type { CheckOutcome, PartEvidence, Violation } from '../results/model.js';
import { excerpt, oneLine } from '../results/text.js';
import type { PlannedTransaction } from './plan.js';
import type { TransactionOutcome } from './protocol.js';

const SNIPPET = 300;
/** How much of a value a sentence quotes. */
const QUOTED = 160;

const WEAKNESS: Record<PartEvidence, number> = { documented: 0, inferred: 1, unknown: 2 };

/** The weaker of two parts' evidence: a fact resting on both is no stronger than either. */
export function weakest(...parts: PartEvidence[]): PartEvidence {
  return parts.reduce((a, b) => (WEAKNESS[b] > WEAKNESS[a] ? b : a), 'documented');
}

/**
 * `redact` takes the run's secrets out of what the server answered before it is made one line
 * and cut to an excerpt: a cut through a secret would leave a part of it no pattern finds.
 */
export function transactionCheck(
  entry: PlannedTransaction,
  outcome: TransactionOutcome | undefined,
  redact: (text: string) => string = (text) => text,
  view: ContractView = contractView(),
): CheckOutcome {
  const base = {
    id: entry.name,
    section: entry.operation === ROLE_OPERATIONS.token ? ('token' as const) : ('dredd' as const),
    title: entry.title,
    evidence: entry.evidence,
  };
  if (entry.skip !== undefined) return { ...base, violations: [], skipped: entry.skip };
  if (!outcome) {
    return {
      ...base,
      violations: [{ evidence: 'documented', message: 'Dredd did not run this transaction' }],
    };
  }
  if (outcome.error) {
    return {
      ...base,
      violations: [{ evidence: 'documented', message: oneLine(redact(outcome.error)) }],
    };
  }
  if (outcome.skipped || !outcome.fields) {
    return {
      ...base,
      violations: [
        { evidence: 'documented', message: 'Dredd gave no verdict on this transaction' },
      ],
    };
  }
  const { violations, hint } = findings(view.op(entry.operation), entry, outcome, redact);
  const got = outcome.answer;
  const passReason = [`HTTP ${got?.status}`, outcome.note].filter(Boolean).join('; ');
  return {
    ...base,
    violations,
    passReason,
    ...(hint === undefined ? {} : { hint: oneLine(redact(hint)) }),
    ...(violations.length > 0 && got
      ? {
          details: [
            `HTTP ${got.status} ${got.contentType ?? '(no content type)'}: ${excerpt(oneLine(redact(got.text)), SNIPPET)}`,
            outcome.note,
          ]
            .filter(Boolean)
            .join('; '),
        }
      : {}),
  };
}

interface Findings {
  violations: Violation[];
  hint?: string;
}

function findings(
  op: OperationView,
  entry: PlannedTransaction,
  outcome: TransactionOutcome,
  redact: (text: string) => string,
): Findings {
  const fields = outcome.fields ?? {};
  const got = outcome.answer;
  const quote = (value: unknown) => quoted(value, redact);
  const violations: Violation[] = [];
  let hint: string | undefined;

  const statusWrong = fields.statusCode !== undefined && !fields.statusCode.valid;
  if (statusWrong) {
    violations.push({
      evidence: entry.facets.statusCode,
      message: `the answer is HTTP ${got?.status ?? 'nothing'}, where the contract answers HTTP ${entry.expectStatus}`,
    });
  }
  if (fields.headers !== undefined && !fields.headers.valid) {
    violations.push({
      evidence: entry.facets.headers,
      message: `Content-Type is ${got?.contentType === undefined ? 'missing' : quote(got.contentType)}, where the contract says ${op.mediaType}`,
    });
  }

  const json = got?.json;
  const bodyInvalid = fields.body !== undefined && !fields.body.valid;
  const call = outcome.call ?? {};
  if (entry.error) {
    const parts = businessErrorParts(entry, op, json, bodyInvalid, fields.body?.pointers, quote);
    violations.push(...parts.violations);
    if (parts.answered) hint = adviceFor(parts.answered, call);
  } else if (!(statusWrong && entry.facets.statusCode === 'documented')) {
    // (With a documented status wrong, the body is another answer's: nothing more to say.)
    const refusal = isSuccess(entry) ? refusalOf(op, json) : undefined;
    if (refusal !== undefined) {
      violations.push({
        evidence: entry.facets.body,
        message: `the answer is ${refusal.said(quote)}, where the contract answers a success`,
      });
      if (refusal.entry) hint = adviceFor(refusal.entry, call);
    } else if (bodyInvalid) {
      for (const message of schemaSentences(entry, json, fields.body?.pointers ?? [], quote)) {
        violations.push({ evidence: entry.facets.body, message });
      }
    }
  }
  return { violations, hint };
}

function isSuccess(entry: PlannedTransaction): boolean {
  return entry.provocation === 'trigger-success' || entry.provocation === 'token-success';
}

/** A business error instead of a success: how to say it, and its catalog entry if it has one. */
function refusalOf(
  op: OperationView,
  json: unknown,
): { said(quote: (v: unknown) => string): string; entry?: CatalogExample } | undefined {
  if (!isObject(json)) return undefined;
  const field = op.codeField;
  const code = json[field];
  // Not an integer (a code sent as a string, say): a malformed answer, for the schema to tell.
  if (!Number.isInteger(code) || code === op.successValue[field]) return undefined;
  const entry = answeredEntry(op, json);
  return {
    entry,
    said: (quote) =>
      entry ? `${entry.summary} (${field} ${quote(code)})` : `an error (${field} ${quote(code)})`,
  };
}

/** A business error, part by part: refused at all, its code, its message, the rest of its body. */
function businessErrorParts(
  entry: PlannedTransaction,
  op: OperationView,
  json: unknown,
  bodyInvalid: boolean,
  pointers: string[] | undefined,
  quote: (value: unknown) => string,
): { violations: Violation[]; answered?: CatalogExample } {
  const expected = entry.error as NonNullable<PlannedTransaction['error']>;
  const { parts, codeField } = expected;
  const wanted = expected.summary;
  if (!isObject(json)) {
    return {
      violations: [
        {
          evidence: entry.facets.body,
          message: `the body is not a JSON object, where the contract answers ${wanted}`,
        },
      ],
    };
  }
  const code = json[codeField];
  if (code === undefined) {
    return {
      violations: [
        {
          evidence: entry.facets.body,
          message: `the body has no "${codeField}", where the contract answers ${wanted}`,
        },
      ],
    };
  }
  if (code === op.successValue[codeField]) {
    return {
      violations: [
        {
          evidence: parts.when,
          message: `the request was accepted (${codeField} ${quote(code)}, a success), where the contract refuses it with ${wanted}`,
        },
      ],
    };
  }
  if (code !== expected.code) {
    const answered = answeredEntry(op, json);
    return {
      violations: [
        {
          evidence: weakest(parts.code, parts.when),
          message: `${codeField} is ${quote(code)}${answered ? ` (${answered.summary})` : ''}, where the contract answers ${wanted}`,
        },
      ],
      ...(answered ? { answered } : {}),
    };
  }
  const violations: Violation[] = [];
  if (json.msg !== expected.message) {
    violations.push({
      evidence: parts.message,
      message:
        parts.message === 'unknown'
          ? `msg is ${quote(json.msg)}, not the contract's example ${quote(expected.message)}, whose words are unknown`
          : `msg is ${quote(json.msg)}, where the contract says ${quote(expected.message)}`,
    });
  }
  if (bodyInvalid) {
    // The code and the message are said above; the rest of the body is Gavel's finding.
    const handled = new Set([`/${codeField}`, '/msg']);
    const rest = (pointers ?? []).filter((p) => !handled.has(p));
    if (rest.length > 0 || (pointers ?? []).length === 0) {
      for (const message of schemaSentences(entry, json, rest, quote)) {
        violations.push({ evidence: entry.facets.body, message });
      }
    }
  }
  return { violations };
}

/**
 * One sentence for each place of the body Gavel found wrong: what it is, and what the contract
 * expects there, read from the schema Gavel was given.
 */
export function schemaSentences(
  entry: Pick<PlannedTransaction, 'bodySchema'>,
  json: unknown,
  pointers: string[],
  quote: (value: unknown) => string = (value) => quoted(value, (text) => text),
): string[] {
  if (json === undefined) return ['the body is not JSON'];
  const seen = new Set<string>();
  const sentences: string[] = [];
  for (const pointer of pointers) {
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const path = pointer
      .split('/')
      .slice(1)
      .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
    const name = path.length > 0 ? path.join('.') : 'the body';
    const expectation = describeSchema(nodesAt(entry.bodySchema, path));
    const actual = valueAt(json, path);
    const wants = expectation ? `, where the contract expects ${expectation}` : '';
    if (actual.found) sentences.push(`${name} is ${quote(actual.value)}${wants}`);
    else
      sentences.push(
        `${name} is missing${wants ? `${wants}` : ', where the contract requires it'}`,
      );
  }
  if (sentences.length === 0) sentences.push("the body does not match the contract's schema");
  return sentences;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(json: unknown, path: string[]): { found: boolean; value?: unknown } {
  let current: unknown = json;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) {
      return { found: false };
    }
    current = (current as Record<string, unknown>)[key];
  }
  return { found: true, value: current };
}

type Schema = Record<string, unknown>;

/** Every schema node that applies at `path` (through allOf, anyOf, oneOf and properties). */
function nodesAt(schema: Schema, path: string[]): Schema[] {
  const flatten = (node: Schema): Schema[] => [
    node,
    ...(['allOf', 'anyOf', 'oneOf'] as const).flatMap((key) =>
      Array.isArray(node[key]) ? (node[key] as Schema[]).flatMap(flatten) : [],
    ),
  ];
  let nodes = flatten(schema);
  for (const key of path) {
    nodes = nodes.flatMap((node) => {
      const child = (node.properties as Record<string, Schema> | undefined)?.[key];
      return child ? flatten(child) : [];
    });
  }
  return nodes;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
};

/** What the nodes ask of a value, in words: `a string matching ^…$`, `null`, `an integer ≥ 1`. */
function describeSchema(nodes: Schema[]): string {
  const show = (value: unknown) => JSON.stringify(value) ?? String(value);
  const enums = nodes.map((n) => n.enum).find((e): e is unknown[] => Array.isArray(e));
  if (enums) {
    return enums.length === 1 ? show(enums[0]) : `one of ${enums.map(show).join(', ')}`;
  }
  const words: string[] = [];
  const type = nodes.map((n) => n.type).find((t) => t !== undefined);
  if (type !== undefined) {
    const types = Array.isArray(type) ? (type as string[]) : [type as string];
    words.push(types.map((t) => TYPE_WORDS[t] ?? t).join(' or '));
  }
  const pattern = nodes.map((n) => n.pattern).find((p) => typeof p === 'string');
  if (pattern !== undefined) words.push(`matching ${pattern as string}`);
  const minimum = nodes.map((n) => n.minimum).find((m) => typeof m === 'number');
  const maximum = nodes.map((n) => n.maximum).find((m) => typeof m === 'number');
  if (minimum !== undefined && maximum !== undefined) words.push(`from ${minimum} to ${maximum}`);
  else if (minimum !== undefined) words.push(`of at least ${minimum}`);
  else if (maximum !== undefined) words.push(`of at most ${maximum}`);
  return words.join(' ');
}

/** A value of the answer as the report quotes it: JSON, redacted, one line, cut. */
function quoted(value: unknown, redact: (text: string) => string): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return excerpt(oneLine(redact(text)), QUOTED);
}
