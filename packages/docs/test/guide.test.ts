/**
 * The "Trigger and wait" guide: its statuses are the contract's (a changed contract changes
 * the page), its samples are the files under samples/, and the curl sample calls and signs as
 * the contract and the other curl samples do. The samples run against the sandbox in
 * guide-samples-against-sandbox.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findOperation,
  flowInstanceStatuses,
  loadContract,
  type OpenApiDocument,
  operationRoute,
} from '@enos-trigger/spec';
import { afterAll, describe, expect, it } from 'vitest';
import { curlSample, SAMPLE_LINE_WIDTH, tokenStep } from '../src/curl-sample.js';
import { DocsBuildError } from '../src/errors.js';
import { GUIDE_TITLE, guideMarkdown, guideSampleFiles, guideTag } from '../src/guide.js';
import { codeBlock } from '../src/markdown.js';
import { paths } from '../src/paths.js';

const contract = loadContract();
const source = (file: string) => readFileSync(join(paths.samples, file), 'utf8');
const [typeScript, curl] = guideSampleFiles.map(({ file }) => source(file)) as [string, string];
const lineOf = (text: string, start: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith(start));

/** The rows of the guide's status table: code, name, final. */
function statusRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((line) => line.startsWith('| Code | Name | Final |'));
  expect(header).toBeGreaterThanOrEqual(0);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(2, -2).split(' | '));
  }
  return rows;
}

/** The status schema of a copy of the contract, to change it. */
function statusSchemaOf(copy: OpenApiDocument): Record<string, unknown> {
  const found = Object.values(copy.components.schemas).find(
    (schema) => schema['x-enos-terminal-statuses'] !== undefined,
  );
  if (!found) throw new Error('the contract has no schema with x-enos-terminal-statuses');
  return found;
}

describe('the Trigger and wait guide', () => {
  const markdown = guideMarkdown(contract);

  it('lists every status of the contract, in its order: code, name, and whether it is final', () => {
    const statuses = flowInstanceStatuses(contract);
    expect(statuses.filter((status) => status.terminal).length).toBeGreaterThan(0);
    expect(statusRows(markdown)).toEqual(
      statuses.map(({ code, name, terminal }) => [
        String(code),
        `\`${name}\``,
        terminal ? 'yes' : 'no',
      ]),
    );
  });

  it('follows a changed contract: a status added, one no longer final', () => {
    const changed = structuredClone(contract);
    const schema = statusSchemaOf(changed);
    (schema.enum as number[]).push(11);
    (schema['x-enum-varnames'] as string[]).push('ARCHIVED');
    const marker = schema['x-enos-terminal-statuses'] as { names: string[] };
    marker.names = marker.names.filter((name) => name !== 'SKIP');
    const rows = statusRows(guideMarkdown(changed));
    expect(rows.at(-1)).toEqual(['11', '`ARCHIVED`', 'no']);
    expect(rows.find(([, name]) => name === '`SKIP`')?.[2]).toBe('no');
    expect(guideMarkdown(changed)).not.toContain('`SKIP`, ');
  });

  it('names the final statuses as the contract does, and what it says of them (its evidence)', () => {
    const finals = flowInstanceStatuses(contract)
      .filter((status) => status.terminal)
      .map((status) => `\`${status.name}\``);
    expect(markdown).toContain(`at a final status (${finals.join(', ')})`);
    const marker = statusSchemaOf(structuredClone(contract))['x-enos-terminal-statuses'] as {
      description: string;
    };
    expect(markdown).toContain(marker.description.trim());
  });

  it("names the operations it calls by the contract's summaries", () => {
    for (const operationId of ['triggerFlow', 'getFlowInstance'] as const) {
      expect(markdown).toContain(`**${findOperation(operationId, contract).operation.summary}**`);
    }
  });

  it('shows each sample file whole, in a code block of its language', () => {
    expect(guideSampleFiles.map((sample) => sample.label)).toEqual(['TypeScript', 'curl']);
    for (const { label, language, file } of guideSampleFiles) {
      expect(markdown, label).toContain(`**${label}**`);
      expect(markdown, label).toContain(codeBlock(source(file), language));
    }
  });

  it('uses no heading: Redoc shows a tag description only up to its first one', () => {
    expect(markdown.split('\n').filter((line) => /^#{1,6} /.test(line))).toEqual(
      // Only the samples' own comment lines start with a hash, inside their code blocks.
      curl.split('\n').filter((line) => /^#{1,6} /.test(line)),
    );
  });

  it('is a tag named by its title', () => {
    expect(guideTag(contract)).toEqual({ name: GUIDE_TITLE, description: markdown });
  });
});

describe("the guide's curl sample", () => {
  const finalNames = flowInstanceStatuses(contract)
    .filter((status) => status.terminal)
    .map((status) => status.name);

  it("stops at the contract's final statuses, and no other", () => {
    const line = /^FINAL_STATUSES='([A-Z_ ]+)'$/m.exec(curl)?.[1] ?? '';
    expect(line.split(' ').sort()).toEqual([...finalNames].sort());
  });

  it('gets the token as trigger-flow.sh does, and triggers as it does', () => {
    expect(curl).toContain(tokenStep());
    const triggerSample = source('trigger-flow.sh');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not JavaScript.
    for (const start of ['BODY=', 'SORTED_QUERY="action', 'FLOWS_URL=', '"${FLOWS_URL}?']) {
      expect(lineOf(curl, start), start).toBe(lineOf(triggerSample, start));
    }
  });

  it("reads the instance as Get Flow Instance's generated sample does: route, query, signature", () => {
    const generated = curlSample('getFlowInstance', contract).source;
    const { path, method } = operationRoute('getFlowInstance', contract);
    const lines = curl.split('\n').map((line) => line.trim());
    for (const start of ['SORTED_QUERY=', 'SIGNATURE=']) {
      const line = lineOf(generated, start);
      expect(line, start).toBeDefined();
      expect(lines, start).toContain(line);
    }
    expect(curl).toContain(`INSTANCES_URL="\${BASE_URL}${path}"`);
    const query = /"\$\{URL\}(\?[^"]+)"/.exec(generated)?.[1];
    expect(query).toBeDefined();
    expect(curl).toContain(`"\${INSTANCES_URL}${query}"`);
    expect(curl).toContain(`curl --silent --show-error -X ${method} \\`);
  });

  it('reads a bounded number of times, a set time apart', () => {
    expect(curl).toMatch(/^MAX_TRIES="\$\{ENOS_MAX_TRIES:-[1-9]\d*\}"$/m);
    expect(curl).toMatch(/^POLL_SECONDS="\$\{ENOS_POLL_SECONDS:-[1-9]\d*\}"$/m);
    expect(curl).toContain('if [ "$TRY" -ge "$MAX_TRIES" ]; then');
    expect(curl).toContain('sleep "$POLL_SECONDS"');
  });

  it('fits the page: no line wider than a generated sample may be', () => {
    for (const text of [curl, typeScript]) {
      for (const line of text.split('\n')) {
        expect(line.length, line).toBeLessThanOrEqual(SAMPLE_LINE_WIDTH);
      }
    }
  });
});

describe('a guide the build cannot write', () => {
  const emptyDir = mkdtempSync(join(tmpdir(), 'enos-docs-guide-'));
  afterAll(() => rmSync(emptyDir, { recursive: true, force: true }));

  it('fails with a DocsBuildError when the contract lacks an operation it calls', () => {
    const changed = structuredClone(contract);
    findOperation('getFlowInstance', changed).operation.operationId = 'readInstance';
    expect(() => guideMarkdown(changed)).toThrow(DocsBuildError);
    expect(() => guideMarkdown(changed)).toThrow(
      /no getFlowInstance, which the "Trigger and wait"/,
    );
  });

  it('fails with a DocsBuildError when the contract names no final status', () => {
    const changed = structuredClone(contract);
    delete statusSchemaOf(changed)['x-enos-terminal-statuses'];
    expect(() => guideMarkdown(changed)).toThrow(DocsBuildError);
    expect(() => guideMarkdown(changed)).toThrow(
      /x-enos-terminal-statuses.*guide lists those statuses/,
    );
  });

  it('fails with a DocsBuildError naming the sample file it cannot read', () => {
    expect(() => guideMarkdown(contract, emptyDir)).toThrow(DocsBuildError);
    expect(() => guideMarkdown(contract, emptyDir)).toThrow(
      `The TypeScript sample of the guide cannot be read at ${join(emptyDir, 'trigger-and-wait.ts')}`,
    );
  });
});

describe('a code block', () => {
  it('keeps a source whole that holds a fence of its own', () => {
    const text = 'before\n```\ninside\n````\nafter\n';
    const block = codeBlock(text, 'md');
    expect(block).toBe(`\`\`\`\`\`md\n${text}\`\`\`\`\``);
  });
});
