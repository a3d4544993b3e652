/**
 * The curl sample generated for an operation without hand-written samples. Trigger Flow's
 * generated sample is compared with samples/trigger-flow.sh, which the tests run against the
 * sandbox (and so is the generated one: samples-against-sandbox.test.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  documentOperations,
  findOperation,
  hasRequestBody,
  loadContract,
  type OperationId,
  operationRoute,
} from '@enos-trigger/spec';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CURL_BOUNDS,
  curlSample,
  SAMPLE_LINE_WIDTH,
  SIGNED_SHELL_SAMPLE,
  tokenStep,
} from '../src/curl-sample.js';
import { DocsBuildError } from '../src/errors.js';
import { paths } from '../src/paths.js';

const contract = loadContract();
const handWritten = readFileSync(join(paths.samples, SIGNED_SHELL_SAMPLE), 'utf8');
const lineOf = (source: string, start: string) =>
  source.split('\n').find((line) => line.startsWith(start));
/** `text` as a regular expression matches it. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a curl sample generated from the contract', () => {
  const generated = curlSample('triggerFlow', contract);

  it('is a curl tab', () => {
    expect(generated).toMatchObject({ lang: 'Shell', label: 'curl' });
    expect(generated.source.startsWith('#!/bin/sh\n')).toBe(true);
  });

  it("gets the token as samples/trigger-flow.sh does: that file's step, copied", () => {
    const step = tokenStep();
    expect(step).toMatch(/^sha256_hex\(\) /);
    expect(step).toContain('4 requests at most');
    expect(handWritten).toContain(step);
    expect(generated.source).toContain(step);
  });

  it('builds the string to sign and the signature as samples/trigger-flow.sh does', () => {
    for (const start of ['SORTED_QUERY=', 'SIGNATURE=', 'USER_ID=', 'ORG_ID=', 'MAX_TIME=']) {
      expect(lineOf(generated.source, start), start).toBe(lineOf(handWritten, start));
    }
  });

  it("sends the contract's method, path, fixed query, security headers and example body", () => {
    const route = operationRoute('triggerFlow', contract);
    const { operation } = findOperation('triggerFlow', contract);
    const body = operation.requestBody?.content['application/json']?.example;
    expect(generated.source).toContain(`curl --silent --show-error -X ${route.method} \\`);
    expect(lineOf(generated.source, '  --max-time')).toBe(lineOf(handWritten, '  --max-time'));
    expect(generated.source).toContain(`URL="\${BASE_URL}${route.path}"\n`);
    expect(generated.source).toContain(`"\${URL}?action=${route.fixedQuery.action}&`);
    for (const header of ['apim-accesstoken', 'apim-signature', 'apim-timestamp']) {
      expect(lineOf(generated.source, `  -H "${header}:`)).toBe(
        lineOf(handWritten, `  -H "${header}:`),
      );
    }
    expect(generated.source).toContain(`BODY='${JSON.stringify(body)}'`);
    expect(generated.source.trimEnd().endsWith('-d "$BODY"')).toBe(true);
  });

  it('signs nothing for an operation without security, and sends its body', () => {
    const token = curlSample('getAccessToken', contract).source;
    expect(token).not.toContain('SIGNATURE');
    expect(token).not.toMatch(/-H "apim-/);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not JavaScript.
    expect(token).toContain('\nURL="${BASE_URL}/apim-token-service/v2.0/token/get"\n');
    expect(token).toContain(`-X POST \\\n  ${CURL_BOUNDS} \\\n  "\${URL}" \\\n`);
    expect(token).toContain('-d "$BODY"');
  });

  it('quotes an example that holds a quote, and writes a placeholder for a missing one', () => {
    const changed = structuredClone(contract);
    const { operation } = findOperation('triggerFlow', changed);
    const [, userId, orgId] = operation.parameters ?? [];
    if (!userId || !orgId) throw new Error('triggerFlow has no userId and orgId');
    userId.example = "o'brien";
    delete orgId.example;
    const source = curlSample('triggerFlow', changed).source;
    expect(source).toContain("USER_ID='o'\\''brien'");
    expect(source).toContain("ORG_ID='<orgId>' # replace with your value");
  });
});

describe('the curl sample of every operation of the contract', () => {
  const operations = documentOperations(contract);
  const bodyOf = (source: string) => /^BODY='([^']*)'$/m.exec(source)?.[1];

  it('goes to the path of operationRoute() with its fixed query, never to the path key', () => {
    expect(operations.some(({ path }) => path.includes('?'))).toBe(true);
    for (const { operationId, path: pathKey } of operations) {
      const { method, path, fixedQuery } = operationRoute(operationId, contract);
      const { source } = curlSample(operationId, contract);
      const fixed = Object.entries(fixedQuery).map(([name, value]) => `${name}=${value}`);
      const call = new RegExp(
        `-X ${method} \\\\\\n {2}${literal(CURL_BOUNDS)} \\\\\\n {2}"\\$\\{URL\\}(\\?[^"]*)?"`,
      ).exec(source);
      expect(call, `${operationId}: its call`).not.toBeNull();
      expect(source, operationId).toContain(`URL="\${BASE_URL}${path}"\n`);
      // The fixed query first, then the other parameters; the key's `?` appears nowhere.
      expect((call?.[1] ?? '').slice(1).split('&').slice(0, fixed.length), operationId).toEqual(
        fixed,
      );
      if (pathKey !== path) expect(source, operationId).not.toContain(pathKey);
    }
  });

  it('signs every query parameter the URL sends, fixed ones included, sorted by key', () => {
    for (const { operationId } of operations) {
      const { source } = curlSample(operationId, contract);
      const sorted = /^SORTED_QUERY="(.*)"$/m.exec(source)?.[1];
      if (sorted === undefined) continue; // an unsigned operation: the token call
      const query = /^ {2}"\$\{URL\}\?([^"]*)"/m.exec(source)?.[1] ?? '';
      const pairs = query.split('&').map((pair) => pair.split('=') as [string, string]);
      const inKeyOrder = pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      expect(sorted, operationId).toBe(inKeyOrder.map(([name, value]) => name + value).join(''));
      for (const [name, value] of Object.entries(
        operationRoute(operationId, contract).fixedQuery,
      )) {
        expect(sorted, operationId).toContain(`${name}${value}`);
      }
    }
  });

  it("sends the contract's example body exactly when the operation has one", () => {
    for (const { operationId, operation } of operations) {
      const { source } = curlSample(operationId, contract);
      const example = operation.requestBody?.content['application/json']?.example;
      if (hasRequestBody(operationId, contract)) {
        expect(JSON.parse(bodyOf(source) ?? 'null'), operationId).toEqual(example);
        expect(source.trimEnd().endsWith('-d "$BODY"'), operationId).toBe(true);
      } else {
        expect(source, operationId).not.toContain('-d "$BODY"');
        expect(source, operationId).not.toMatch(/^BODY=/m);
      }
    }
  });

  it('has no line too wide for the page: a long body is indented, a short one kept on a line', () => {
    for (const { operationId } of operations) {
      const { source } = curlSample(operationId, contract);
      for (const line of source.split('\n')) {
        expect(line.length, `${operationId}: ${line}`).toBeLessThanOrEqual(SAMPLE_LINE_WIDTH);
      }
    }
    expect(bodyOf(curlSample('triggerFlow', contract).source)).not.toContain('\n');
    expect(bodyOf(curlSample('listFlowInstances', contract).source)).toContain('\n  "');
  });
});

describe('every curl of every shell sample, hand-written or generated', () => {
  const handWrittenSamples = readdirSync(paths.samples)
    .filter((file) => file.endsWith('.sh'))
    .map((file) => [file, readFileSync(join(paths.samples, file), 'utf8')] as const);
  const generatedSamples = documentOperations(contract).map(
    ({ operationId }) =>
      [`generated ${operationId}`, curlSample(operationId, contract).source] as const,
  );

  it('gives up after MAX_TIME seconds (ENOS_MAX_TIME, 30 by default) and on an answer over 1 MiB', () => {
    expect(handWrittenSamples.map(([file]) => file)).toContain('trigger-and-wait.sh');
    for (const [name, source] of [...handWrittenSamples, ...generatedSamples]) {
      // One command a line: the lines a backslash continues, joined.
      const commands = source.replaceAll('\\\n', ' ').split('\n');
      const calls = commands.filter((line) => /(^|\$\()\s*curl /.test(line.trimStart()));
      expect(calls.length, name).toBeGreaterThan(0);
      for (const call of calls) expect(call, name).toContain(CURL_BOUNDS);
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell variables, not JavaScript.
      expect(lineOf(source, 'MAX_TIME='), name).toBe('MAX_TIME="${ENOS_MAX_TIME:-30}"');
      expect(source.indexOf('MAX_TIME='), name).toBeLessThan(source.search(/^[^#\n]*\bcurl /m));
    }
  });
});

describe('a contract the generator cannot write a sample for', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enos-docs-curl-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails with a DocsBuildError when a security header is not an APIM one', () => {
    const changed = structuredClone(contract);
    const scheme = changed.components.securitySchemes.apimSignature;
    if (!scheme) throw new Error('the contract has no apimSignature scheme');
    scheme.name = 'x-api-key';
    expect(() => curlSample('triggerFlow', changed)).toThrow(DocsBuildError);
    expect(() => curlSample('triggerFlow', changed)).toThrow(/"x-api-key"/);
  });

  it('fails with a DocsBuildError when a body has no example', () => {
    const changed = structuredClone(contract);
    const media = findOperation('triggerFlow', changed).operation.requestBody?.content[
      'application/json'
    ];
    if (media) delete media.example;
    expect(() => curlSample('triggerFlow' as OperationId, changed)).toThrow(
      /request body without a JSON example/,
    );
  });

  it("fails with a DocsBuildError when trigger-flow.sh's steps cannot be found", () => {
    writeFileSync(join(dir, SIGNED_SHELL_SAMPLE), '#!/bin/sh\necho hi\n');
    expect(() => tokenStep(dir)).toThrow(DocsBuildError);
    expect(() => curlSample('triggerFlow', contract, dir)).toThrow(/sha256_hex\(\) /);
  });
});
