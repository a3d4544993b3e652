/** What the page must show, read from the contract (never restated here). */
import {
  findOperation,
  type JsonSchema,
  loadContract,
  type OperationId,
  type ParameterObject,
} from '@enos-trigger/spec';

export const contract = loadContract();

export function operationFacts(operationId: OperationId) {
  const { path, method, operation } = findOperation(operationId, contract);
  const tags = (operation as { tags?: string[] }).tags ?? [];
  const [tag] = tags;
  if (!tag) throw new Error(`The contract's ${operationId} has no tag; the page files it nowhere.`);
  return { path, method, operation, tag, summary: operation.summary };
}

/** The description of a top-level tag. */
export function tagDescription(tag: string): string {
  const tags = (contract as { tags?: { name: string; description?: string }[] }).tags ?? [];
  const description = tags.find((entry) => entry.name === tag)?.description;
  if (!description) throw new Error(`The contract's tag ${tag} has no description.`);
  return description;
}

/** Keywords the page renders as words a reader sees, and those words. */
const CONSTRAINT_TEXT: Record<string, (value: unknown) => string> = {
  format: (format) => `(${String(format)})`,
  minimum: (minimum) => `>= ${String(minimum)}`,
  minLength: (length) => (length === 1 ? 'non-empty' : `>= ${String(length)} characters`),
  pattern: (pattern) => String(pattern),
  enum: (values) => (values as unknown[]).map((value) => JSON.stringify(value)).join(''),
};

/** Keywords that describe a field without constraining its values. */
const NOT_CONSTRAINTS = new Set(['type', 'description', 'example', 'nullable', 'properties']);
const NOT_CONSTRAINTS_PREFIX = 'x-';

/** The texts a reader must see in a field's row: its type, each constraint, its example. */
export function fieldTexts(schema: JsonSchema): string[] {
  const texts = [String(schema.type)];
  for (const [keyword, value] of Object.entries(schema)) {
    if (NOT_CONSTRAINTS.has(keyword) || keyword.startsWith(NOT_CONSTRAINTS_PREFIX)) continue;
    if (keyword === 'required') continue;
    const render = CONSTRAINT_TEXT[keyword];
    if (!render) {
      throw new Error(
        `The contract uses "${keyword}", which this test does not know how the page shows. ` +
          'Teach CONSTRAINT_TEXT in test/contract-facts.ts.',
      );
    }
    texts.push(render(value));
  }
  return texts;
}

/** The parameters of an operation, with the example as the page writes it (`name=value`). */
export function parameterFacts(operationId: OperationId) {
  const parameters: ParameterObject[] = operationFacts(operationId).operation.parameters ?? [];
  return parameters.map((parameter) => ({
    name: parameter.name,
    texts: [...fieldTexts(parameter.schema), `${parameter.name}=${String(parameter.example)}`],
  }));
}

/** Every field of a schema, depth first, as `[dotted path, schema]`. */
export function* schemaFields(schema: JsonSchema, prefix = ''): Generator<[string, JsonSchema]> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  for (const [name, child] of Object.entries(properties)) {
    const path = `${prefix}${name}`;
    yield [path, child];
    yield* schemaFields(child, `${path}.`);
  }
}

/** The Markdown list items of a description (continuation lines joined), as plain text. */
export function listItems(markdown: string): string[] {
  const items: string[] = [];
  let current: string[] | undefined;
  for (const line of markdown.split('\n')) {
    const start = /^\s*(?:-|\d+\.)\s+(.*)$/.exec(line);
    if (start) {
      current = [start[1] ?? ''];
      items.push('');
    } else if (current && /^\s+\S/.test(line)) {
      current.push(line.trim());
    } else {
      current = undefined;
    }
    if (current) items[items.length - 1] = plainText(current.join(' '));
  }
  return items;
}

/** Markdown emphasis and code marks removed, as a browser shows the text. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*|\*|`/g, '').trim();
}

/** The extension that holds notes for the contract's maintainers, not for its readers. */
export const TOOLING_NOTE = 'x-enos-tooling-note';

/** Every maintainers' note in the contract, wherever it sits. */
export function toolingNotes(node: unknown = contract): string[] {
  if (Array.isArray(node)) return node.flatMap((child) => toolingNotes(child));
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === TOOLING_NOTE && typeof value === 'string' ? [value] : toolingNotes(value),
  );
}
