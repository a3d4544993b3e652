/**
 * Renders src/generated/contract.ts from the facts of EVERY operation of the contract: its
 * route (method, path, fixed query), its envelope's code field, its security headers, its
 * business error catalog (as types, and its codes at run time) and its gateway statuses. An
 * operation added to the contract reaches the generated module with no edit here. Of the
 * catalogs' texts, only the advice reaches the runtime (each in a constant of its own, so that a
 * bundle carries only the operations' it imports: the trigger's goes to advice.ts, the instance
 * operations' to instances.ts); messages and evidence stay type-only. The statuses of a
 * workflow instance (names, and which are final) are generated too.
 */
import type {
  CatalogEntry,
  FlowInstanceStatusInfo,
  LocatedOperation,
  OperationRoute,
  SecurityHeader,
} from '@enos-trigger/spec';

/** What the spec's readers say of one operation. */
export interface OperationFacts {
  operationId: string;
  located: LocatedOperation;
  route: OperationRoute;
  /** The envelope's code field; null when the operation has no JSON 200 answer. */
  codeField: string | null;
  security: SecurityHeader[];
  catalog: CatalogEntry[];
  gatewayStatuses: number[];
}

export interface ContractFacts {
  /** Every operation, in the document's order. */
  operations: OperationFacts[];
  /** The token catalog's collision entry: `duplicatedEncryptionError()` of @enos-trigger/spec. */
  duplicatedEncryption: CatalogEntry;
  /** The statuses of a workflow instance: `flowInstanceStatuses()` of @enos-trigger/spec. */
  statuses: FlowInstanceStatusInfo[];
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
const SAME_MINUTE = 'cannotCreateInstance';

/** The advice as a failure message carries it: one line, without Markdown's backticks. */
const plain = (entry: CatalogEntry): string =>
  entry.advice.replace(/\s+/g, ' ').trim().replaceAll('`', '');

/**
 * A catalog's advice at run time, as `[code, advice, message?]`: the advice of an answer is that
 * of the first row with its code whose message, if the row has one, is the answer's. A code
 * shared by several entries (62102: an invalid body, or the minute already taken) lists first
 * the entries told apart by their message, then, with no message, its default: the entry named
 * `preferred` for its code, else the first of the code. So for the trigger (`preferred`
 * SAME_MINUTE), a 62102 whose message is no other entry's is the same-minute one, as a retry
 * must read it. The advice is the contract's, on one line and without Markdown's backticks.
 */
function adviceRows(entries: CatalogEntry[], preferred?: string): [number, string, string?][] {
  const defaults = new Map<number, CatalogEntry>();
  for (const entry of entries) if (entry.name === preferred) defaults.set(entry.code, entry);
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

/** `getAccessToken` → `GetAccessToken`: the prefix of an operation's generated type names. */
const pascal = (operationId: string): string =>
  operationId.charAt(0).toUpperCase() + operationId.slice(1);

/**
 * The signing headers of an operation, in the order the client fills them: the access token,
 * the signature, the timestamp (see the README's Authentication). Told apart by their scheme's
 * name; empty for a public operation. Anything else fails the build: the client would not know
 * how to sign it.
 */
function signingHeaders(operationId: string, security: SecurityHeader[]): string[] {
  if (security.length === 0) return [];
  const roles = [/token/i, /signature/i, /timestamp/i].map(
    (role) => security.find(({ scheme }) => role.test(scheme))?.name,
  );
  if (security.length !== 3 || roles.some((name) => name === undefined)) {
    throw new Error(
      `The contract's ${operationId} asks for ${security.map(({ scheme }) => scheme).join(', ')}: the client signs with an access token, a signature and a timestamp.`,
    );
  }
  return roles as string[];
}

/** The name of the operation whose wrapper carries the catalog's advice (client.ts). */
const TRIGGER = 'triggerFlow';

/**
 * The catalog entry of a failure of the service itself, the one business error whose advice
 * says a run may or may not have started; a contract without it fails the build.
 */
const INTERNAL_ERROR = 'internalError';

export function renderContractModule(facts: ContractFacts): string {
  const { operations } = facts;
  const trigger = operations.find(({ operationId }) => operationId === TRIGGER);
  if (!trigger) throw new Error(`The contract has no ${TRIGGER} operation.`);
  const statuses = uniqueSorted(operations.flatMap((operation) => operation.gatewayStatuses));
  const range = flowIdRange(trigger.located);
  const sameMinuteCode = trigger.catalog.find(({ name }) => name === SAME_MINUTE)?.code;
  if (sameMinuteCode === undefined) {
    throw new Error(`The contract's ${TRIGGER} has no "${SAME_MINUTE}" error example.`);
  }
  const advice = adviceRows(trigger.catalog, SAME_MINUTE);
  const internalErrorCode = trigger.catalog.find(({ name }) => name === INTERNAL_ERROR)?.code;
  if (internalErrorCode === undefined) {
    throw new Error(`The contract's ${TRIGGER} has no "${INTERNAL_ERROR}" error example.`);
  }
  const token = facts.duplicatedEncryption;
  const signing = [
    ...new Set(
      operations.map(({ operationId, security }) => signingHeaders(operationId, security).join()),
    ),
  ].filter(Boolean);
  if (signing.length !== 1) {
    throw new Error(
      `The contract's signed operations use ${signing.length} sets of signing headers: the client signs with one.`,
    );
  }
  const routes = operations.flatMap(({ operationId, route, codeField, security, ...rest }) => [
    `export const ${operationId}Route: Route = ${literal([
      route.method,
      route.path,
      route.fixedQuery,
      codeField,
      security.length > 0 ? 1 : 0,
      rest.gatewayStatuses,
    ])};`,
    `export const ${operationId}ErrorCodes: readonly number[] = ${literal(
      uniqueSorted(rest.catalog.map((entry) => entry.code)),
    )};`,
  ]);
  const perOperation = (render: (operation: OperationFacts) => string) =>
    operations.map((operation) => `  ${literal(operation.operationId)}: ${render(operation)};`);
  return [
    '// Generated by scripts/generate.ts from @enos-trigger/spec. Do not edit: rebuild.\n',
    "import type { paths } from './openapi.js';\n",
    ...operations.flatMap(({ operationId, catalog }) => [
      catalogInterface(
        `${pascal(operationId)}ErrorCatalog`,
        `The business errors of ${operationId}: the contract's 200 examples that carry x-enos-error.`,
        catalog,
      ),
      `export type ${pascal(operationId)}ErrorCode = ${pascal(operationId)}ErrorCatalog[keyof ${pascal(operationId)}ErrorCatalog]['code'];\n`,
    ]),
    '/** Every operation of the contract, by operationId: its types in the generated `paths`. */',
    'export interface Operations {',
    ...perOperation(
      ({ located }) => `paths[${literal(located.path)}][${literal(located.method.toLowerCase())}]`,
    ),
    '}\n',
    'export type OperationId = keyof Operations;\n',
    "/** Each operation's business error catalog. */",
    'export interface ErrorCatalogs {',
    ...perOperation(({ operationId }) => `${pascal(operationId)}ErrorCatalog`),
    '}\n',
    '/** The HTTP statuses the contract documents for the API gateway, on any operation. */',
    `export type GatewayStatus = ${statuses.join(' | ')};\n`,
    '/**',
    ' * Where and how an operation is called, as the transport reads it: method, path, the fixed',
    ' * query values (what tells operations of one path apart), the field of its envelope that',
    ' * carries the code (null without a JSON answer), 1 when it is signed (0 for a public',
    ' * operation), and the statuses the gateway answers on it.',
    ' */',
    'export type Route = readonly [',
    '  method: string,',
    '  path: string,',
    '  fixedQuery: Readonly<Record<string, string>>,',
    '  codeField: string | null,',
    '  signed: 0 | 1,',
    '  gatewayStatuses: readonly number[],',
    '];\n',
    '/**',
    ' * The headers every signed operation carries, in the order the client fills them: access',
    ' * token, signature, timestamp (the build fails if signed operations differ).',
    ' */',
    `export const signingHeaders: readonly string[] = ${literal(signing[0]?.split(','))};\n`,
    '/**',
    ' * Each operation: its route, and the codes of its business error catalog (to tell a listed',
    ' * answer from an unlisted one). Separate constants, so that a bundle keeps only those it uses.',
    ' */',
    ...routes,
    '',
    `/** The code of the ${TRIGGER} catalog's ${SAME_MINUTE}: the minute already has an instance. */`,
    `export const sameMinuteCode: ${pascal(TRIGGER)}ErrorCode = ${sameMinuteCode};\n`,
    '/**',
    ` * The messages of the other ${TRIGGER} entries with that code: a ${sameMinuteCode} with one of them`,
    ' * is not the same-minute refusal (the advice table is not needed to tell them apart).',
    ' */',
    `export const sameMinuteOthers: readonly string[] = ${literal(
      trigger.catalog
        .filter(({ code, name }) => code === sameMinuteCode && name !== SAME_MINUTE)
        .map(({ message }) => message),
    )};\n`,
    `/** The code of the ${TRIGGER} catalog's ${INTERNAL_ERROR}: a run may or may not have started. */`,
    `export const internalErrorCode: ${pascal(TRIGGER)}ErrorCode = ${internalErrorCode};\n`,
    '/**',
    ` * The code of the token catalog's ${token.name}: another process with this appKey sent the`,
    ' * same `encryption`; a token request starts nothing, so it is asked again (token-collision.ts).',
    ' */',
    `export const duplicatedEncryptionCode: GetAccessTokenErrorCode = ${token.code};\n`,
    '/**',
    ` * What to do about each business error of ${TRIGGER}, from the contract's catalog:`,
    ' * `[code, advice, message?]`; an answer takes the first row with its code whose message, if',
    " * the row has one, is the answer's. The row without a message of a code shared by several",
    ` * entries is the default (for ${SAME_MINUTE}'s code, ${SAME_MINUTE}). {flowId}, {userId},`,
    ' * {minute} and {flowInstanceId} are filled in from the call.',
    ' */',
    `export const triggerFlowAdvice: readonly (readonly [number, string, string?])[] = ${literal(advice)};\n`,
    `/** The bounds of flowId in the ${TRIGGER} request schema. */`,
    `export const flowIdRange = ${literal(range)};\n`,
    ...operations
      .filter(({ operationId, security }) => operationId !== TRIGGER && security.length > 0)
      .flatMap(({ operationId, catalog }) => [
        `/** What to do about each business error of ${operationId}: \`[code, advice, message?]\`, as for the trigger. {flowInstanceId} and {userId} are filled in from the call. */`,
        `export const ${operationId}Advice: readonly (readonly [number, string, string?])[] = ${literal(adviceRows(catalog))};\n`,
      ]),
    '/** The name of each status of a workflow instance (its `statusDesc`), by code. */',
    `export type FlowInstanceStatusName = ${facts.statuses.map(({ name }) => literal(name)).join(' | ')};\n`,
    `export const flowInstanceStatusNames: Readonly<Record<number, FlowInstanceStatusName>> = ${literal(
      Object.fromEntries(facts.statuses.map(({ code, name }) => [code, name])),
    )};\n`,
    '/** The final statuses: an instance in one of them never changes again (inferred by the contract). */',
    `export const terminalStatuses: readonly FlowInstanceStatusName[] = ${literal(
      facts.statuses.filter(({ terminal }) => terminal).map(({ name }) => name),
    )};\n`,
  ].join('\n');
}
