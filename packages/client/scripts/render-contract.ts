/**
 * Renders src/generated/contract.ts: the contract's error catalogs as TypeScript types, and
 * the handful of runtime constants the client needs. Of the catalogs' texts, only the trigger
 * catalog's advice reaches the runtime (its failure messages say what to do); messages and
 * evidence stay type-only, to keep the client small.
 */
import type { CatalogEntry, GatewayError, LocatedOperation } from '@enos-trigger/spec';

export interface ContractFacts {
  triggerFlowErrors: CatalogEntry[];
  tokenErrors: CatalogEntry[];
  gatewayErrors: GatewayError[];
  operations: { triggerFlow: LocatedOperation; getAccessToken: LocatedOperation };
}

const literal = (value: unknown): string => JSON.stringify(value);

/** A JSDoc line that cannot close its comment early. */
const doc = (text: string): string => text.replace(/\s+/g, ' ').replaceAll('*/', '*\\/').trim();

/** An evidence record as a TypeScript object type. */
const evidenceType = (parts: CatalogEntry['parts']): string =>
  `{ code: ${literal(parts.code)}; message: ${literal(parts.message)}; status: ${literal(parts.status)}; when: ${literal(parts.when)} }`;

/**
 * One entry as a type. Its `message` is the literal text only where the contract documents or
 * infers it; where the words are unknown (EnOS documents the code and its meaning alone), it is
 * `string`: the type promises no text that no one has documented.
 */
function catalogMember(entry: CatalogEntry): string {
  const { code, message, status, when } = entry.parts;
  const unknown = entry.parts.message === 'unknown';
  return [
    `  /**`,
    `   * ${doc(`${entry.summary}. ${entry.when}`)}`,
    `   *`,
    `   * Evidence: code ${code}, message ${message}, HTTP status ${status}, when ${when} (${entry.evidence} overall).`,
    `   * Advice: ${doc(entry.advice)}`,
    `   */`,
    `  ${entry.name}: {`,
    `    code: ${entry.code};`,
    unknown
      ? `    /** Unknown: no public page gives the words. The contract's example says ${doc(literal(entry.message))}. */\n    message: string;`
      : `    message: ${literal(entry.message)};`,
    `    evidence: ${literal(entry.evidence)};`,
    `    parts: ${evidenceType(entry.parts)};`,
    `    /** What to do; {flowId}, {userId}, {minute} and {flowInstanceId} are filled in from the call. */`,
    `    advice: ${literal(entry.advice)};`,
    `  };`,
  ].join('\n');
}

function catalogInterface(name: string, what: string, entries: CatalogEntry[]): string {
  return `/** ${what} */\nexport interface ${name} {\n${entries.map(catalogMember).join('\n')}\n}\n`;
}

/**
 * The catalog entry of a workflow already triggered for that minute. Its name is the one the
 * sandbox and the conformance suite answer and expect; a contract without it fails the build.
 */
export const SAME_MINUTE = 'cannotCreateInstance';

/**
 * The trigger catalog's advice at run time, as `[code, advice, message?]`: the advice of an
 * answer is that of the first row with its code whose message, if the row has one, is the
 * answer's. A code shared by several entries (62102: an invalid body, or the minute already
 * taken) lists first the entries told apart by their message, then, with no message, its
 * default: the same-minute entry for its code, else the first of the code. So a 62102 whose
 * message is no other entry's is the same-minute one, as a retry must read it.
 * The advice is the contract's, on one line and without Markdown's backticks.
 */
/** The advice as a failure message carries it: one line, without Markdown's backticks. */
const plain = (entry: CatalogEntry): string =>
  entry.advice.replace(/\s+/g, ' ').trim().replaceAll('`', '');

export function adviceRows(entries: CatalogEntry[]): [number, string, string?][] {
  const sameMinuteEntry = entries.find(({ name }) => name === SAME_MINUTE);
  if (!sameMinuteEntry) {
    throw new Error(`The contract's triggerFlow has no "${SAME_MINUTE}" error example.`);
  }
  const defaults = new Map<number, CatalogEntry>([[sameMinuteEntry.code, sameMinuteEntry]]);
  for (const entry of entries) if (!defaults.has(entry.code)) defaults.set(entry.code, entry);
  const others = entries.filter((entry) => defaults.get(entry.code) !== entry);
  return [
    ...others.map((entry): [number, string, string] => [entry.code, plain(entry), entry.message]),
    ...[...defaults.values()].map((entry): [number, string] => [entry.code, plain(entry)]),
  ];
}

const uniqueSorted = (values: number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

function flowIdRange(operation: LocatedOperation): { min: number; max: number } {
  const body = operation.operation.requestBody?.content['application/json']?.schema as
    | { properties?: { flowId?: { minimum?: number; format?: string } } }
    | undefined;
  const flowId = body?.properties?.flowId;
  if (!flowId) throw new Error('The contract has no flowId in the Trigger Flow request body.');
  return {
    min: flowId.minimum ?? Number.MIN_SAFE_INTEGER,
    max: flowId.format === 'int32' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER,
  };
}

export function renderContractModule(facts: ContractFacts): string {
  const triggerCodes = uniqueSorted(facts.triggerFlowErrors.map((entry) => entry.code));
  const tokenCodes = uniqueSorted(facts.tokenErrors.map((entry) => entry.code));
  const statuses = uniqueSorted(facts.gatewayErrors.map((error) => error.status));
  const range = flowIdRange(facts.operations.triggerFlow);
  const advice = adviceRows(facts.triggerFlowErrors);
  const sameMinuteCode = facts.triggerFlowErrors.find(({ name }) => name === SAME_MINUTE)?.code;
  return [
    '// Generated by scripts/generate.ts from @enos-trigger/spec. Do not edit: rebuild.\n',
    catalogInterface(
      'TriggerFlowErrorCatalog',
      "Trigger Flow's business errors: the contract's 200 examples that carry x-enos-error.",
      facts.triggerFlowErrors,
    ),
    "export type TriggerFlowErrorCode = TriggerFlowErrorCatalog[keyof TriggerFlowErrorCatalog]['code'];\n",
    catalogInterface(
      'TokenErrorCatalog',
      "The APIM token service's errors: the contract's 200 examples that carry x-enos-error.",
      facts.tokenErrors,
    ),
    "export type TokenErrorCode = TokenErrorCatalog[keyof TokenErrorCatalog]['code'];\n",
    '/** The HTTP statuses the contract documents for the API gateway. */',
    `export type GatewayStatus = ${statuses.join(' | ')};\n`,
    '/** The same codes at run time, to tell a listed answer from an unlisted one. */',
    `export const triggerFlowErrorCodes: readonly number[] = ${literal(triggerCodes)};`,
    `export const tokenErrorCodes: readonly number[] = ${literal(tokenCodes)};`,
    `export const gatewayStatuses: readonly number[] = ${literal(statuses)};\n`,
    `export const triggerFlowPath = ${literal(facts.operations.triggerFlow.path)};`,
    `export const tokenPath = ${literal(facts.operations.getAccessToken.path)};\n`,
    `/** The code of the catalog's ${SAME_MINUTE}: the minute already has an instance. */`,
    `export const sameMinuteCode: TriggerFlowErrorCode = ${sameMinuteCode};\n`,
    '/**',
    " * What to do about each business error of Trigger Flow, from the contract's catalog:",
    ' * `[code, advice, message?]`; an answer takes the first row with its code whose message, if',
    " * the row has one, is the answer's. The row without a message of a code shared by several",
    ` * entries is the default (for ${SAME_MINUTE}'s code, ${SAME_MINUTE}). {flowId}, {userId},`,
    ' * {minute} and {flowInstanceId} are filled in from the call.',
    ' */',
    `export const triggerFlowAdvice: readonly (readonly [number, string, string?])[] = ${literal(advice)};\n`,
    '/** The bounds of flowId in the request schema. */',
    `export const flowIdRange = ${literal(range)};\n`,
  ].join('\n');
}
