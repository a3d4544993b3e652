/**
 * A curl sample generated from the contract, for an operation without hand-written samples:
 * its method, path, fixed query values and the examples of its other parameters, its security
 * headers and its example body. A signed call gets the token and the signature exactly as
 * samples/trigger-flow.sh does: its token step is copied from that file (which the tests run
 * against the sandbox), and the signing steps follow the contract's Authentication section.
 */
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: this file writes shell, whose variables are ${NAME}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  findOperation,
  hasRequestBody,
  type OpenApiDocument,
  type OperationId,
  operationRoute,
  securityHeaderNames,
} from '@enos-trigger/spec';
import type { CodeSample } from './code-samples.js';
import { DocsBuildError } from './errors.js';
import { paths } from './paths.js';

/** The hand-written curl sample whose token step the generated ones share. */
export const SIGNED_SHELL_SAMPLE = 'trigger-flow.sh';
const TOKEN_STEP_START = /^sha256_hex\(\) /m;
const TOKEN_STEP_END = /^# 2\. /m;

/**
 * The token step of samples/trigger-flow.sh: the `sha256_hex` helper, then step 1 (token
 * requests, asked again on 1001) up to its step 2.
 */
export function tokenStep(samplesDir: string = paths.samples): string {
  const file = join(samplesDir, SIGNED_SHELL_SAMPLE);
  const source = readFileSync(file, 'utf8');
  const start = source.search(TOKEN_STEP_START);
  const end = source.search(TOKEN_STEP_END);
  if (start < 0 || end < start) {
    throw new DocsBuildError(
      `${file} no longer has a line starting "sha256_hex() " followed by one starting "# 2. ": ` +
        'the generated curl samples copy their token step from between them. Restore them, or ' +
        'change src/curl-sample.ts.',
    );
  }
  return source.slice(start, end).trimEnd();
}

/**
 * What bounds every curl of a sample, hand-written or generated: a time limit in seconds (a
 * reader, or a test, sets it with ENOS_MAX_TIME) and the largest answer read, so that a gateway
 * that hangs or floods cannot hold the script.
 */
export const CURL_BOUNDS = '--max-time "$MAX_TIME" --max-filesize 1048576';
const MAX_TIME_LINES = [
  '# Each curl gives up after MAX_TIME seconds, and on an answer over 1 MiB: a gateway that hangs',
  '# or floods cannot hold the script.',
  'MAX_TIME="${ENOS_MAX_TIME:-30}"',
];

/** What the signing protocol puts in each APIM header (see the Authentication section). */
const SIGNED_HEADER_VALUES: Readonly<Record<string, string>> = {
  'apim-accesstoken': '${ACCESS_TOKEN}',
  'apim-signature': '${SIGNATURE}',
  'apim-timestamp': '${TIMESTAMP}',
};

/** Shell variables the sample itself uses, which a parameter's variable must not take. */
const RESERVED = new Set([
  'BASE_URL',
  'MAX_TIME',
  'APP_KEY',
  'APP_SECRET',
  'TIMESTAMP',
  'ATTEMPT',
  'ENCRYPTION',
  'TOKEN_ANSWER',
  'ACCESS_TOKEN',
  'BODY',
  'SORTED_QUERY',
  'SIGNATURE',
  'URL',
]);

/**
 * The widest line a generated sample writes where it can choose: what the page's code block
 * shows at 1280 px without a scrollbar of its own.
 */
export const SAMPLE_LINE_WIDTH = 100;

/** A string in single quotes, as the shell reads it literally. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

/** Text for inside double quotes, where `$`, `` ` ``, `"` and `\` are special. */
function inDoubleQuotes(text: string): string {
  return text.replace(/[$`"\\]/g, '\\$&');
}

/** `userId` → `USER_ID`. */
function variableName(name: string): string {
  const upper = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
  const safe = /^[A-Z_]/.test(upper) ? upper : `P_${upper}`;
  return RESERVED.has(safe) ? `PARAM_${safe}` : safe;
}

interface SampleParameter {
  name: string;
  variable: string;
  /** The example the sample sends, or a placeholder the reader replaces. */
  value: string;
  placeholder: boolean;
}

function exampleOf(parameter: { example?: unknown; schema?: Record<string, unknown> }): unknown {
  const schema = parameter.schema ?? {};
  return (
    parameter.example ??
    schema.example ??
    schema.default ??
    (Array.isArray(schema.enum) ? schema.enum[0] : undefined)
  );
}

/** The query and path parameters the sample sends, other than the fixed query values. */
function sampleParameters(
  operationId: OperationId,
  contract: OpenApiDocument,
  where: 'query' | 'path',
  fixed: Readonly<Record<string, string>>,
): SampleParameter[] {
  const { operation } = findOperation(operationId, contract);
  return (operation.parameters ?? []).flatMap((parameter) => {
    if (parameter.in !== where || parameter.name in fixed) return [];
    const example = exampleOf(parameter);
    if (example === undefined && !parameter.required) return [];
    return [
      {
        name: parameter.name,
        variable: variableName(parameter.name),
        value: example === undefined ? `<${parameter.name}>` : String(example),
        placeholder: example === undefined,
      },
    ];
  });
}

/**
 * The example body as the sample sends it: on one line if `BODY='…'` fits in a line, else
 * indented, so the page shows it whole. The signature covers the bytes sent either way.
 */
function requestBodyExample(operationId: OperationId, contract: OpenApiDocument): string {
  const { operation } = findOperation(operationId, contract);
  const media = operation.requestBody?.content['application/json'];
  const example = media?.example ?? Object.values(media?.examples ?? {})[0]?.value;
  if (example === undefined) {
    throw new DocsBuildError(
      `The contract's ${operationId} has a request body without a JSON example, which its ` +
        'generated curl sample would send. Give the body an example, or write the samples by hand.',
    );
  }
  const oneLine = JSON.stringify(example);
  return `BODY=${shellQuote(oneLine)}`.length <= SAMPLE_LINE_WIDTH
    ? oneLine
    : JSON.stringify(example, null, 2);
}

/** ASCII order, as the string to sign sorts the query keys. */
function byKey<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The curl sample of an operation, generated from the contract. */
export function curlSample(
  operationId: OperationId,
  contract: OpenApiDocument,
  samplesDir: string = paths.samples,
): CodeSample {
  const { operation } = findOperation(operationId, contract);
  const route = operationRoute(operationId, contract);
  const headers = securityHeaderNames(operationId, contract);
  for (const header of headers) {
    if (!(header in SIGNED_HEADER_VALUES)) {
      throw new DocsBuildError(
        `The contract's ${operationId} needs the header "${header}", which the generated curl ` +
          'sample cannot fill. Write its samples by hand, or teach src/curl-sample.ts.',
      );
    }
  }
  const signed = headers.length > 0;
  const query = sampleParameters(operationId, contract, 'query', route.fixedQuery);
  const pathParameters = sampleParameters(operationId, contract, 'path', {});
  const body = hasRequestBody(operationId, contract)
    ? requestBodyExample(operationId, contract)
    : undefined;

  // Every query parameter, fixed or not, as the URL and the string to sign write it.
  const sent = [
    ...Object.entries(route.fixedQuery).map(([name, value]) => ({
      name,
      url: encodeURIComponent(value),
      signed: inDoubleQuotes(value),
    })),
    ...query.map(({ name, variable }) => ({
      name,
      url: `\${${variable}}`,
      signed: `\${${variable}}`,
    })),
  ];
  let path = route.path;
  for (const { name, variable } of pathParameters)
    path = path.replace(`{${name}}`, `\${${variable}}`);
  const queryString = sent.map(({ name, url }) => `${encodeURIComponent(name)}=${url}`).join('&');
  // The path in a variable of its own keeps the call's URL line short: the page shows it whole.
  const url = `\${URL}${queryString ? `?${queryString}` : ''}`;

  const variables = [...pathParameters, ...query].map(
    ({ variable, value, placeholder }) =>
      `${variable}=${shellQuote(value)}${placeholder ? ' # replace with your value' : ''}`,
  );
  const lines = [
    '#!/bin/sh',
    `# ${operation.summary} with curl${signed ? ': get an access token, sign the call, send it' : ''}.`,
    ...(signed
      ? [
          '# Generated from the contract, with its example values. The base URL and credentials are the',
          "# sandbox's defaults; for EnOS, set ENOS_BASE_URL to https://<your-apigw-address> and use your",
          "# application's key and secret.",
        ]
      : [
          "# Generated from the contract, with its example values. The base URL is the sandbox's",
          '# default; for EnOS, set ENOS_BASE_URL to https://<your-apigw-address>.',
        ]),
    'set -eu',
    'BASE_URL="${ENOS_BASE_URL:-http://127.0.0.1:4020}"',
    ...(signed
      ? [
          'APP_KEY="${ENOS_APP_KEY:-sandbox-app-key}"',
          'APP_SECRET="${ENOS_APP_SECRET:-sandbox-app-secret}"',
        ]
      : []),
    ...MAX_TIME_LINES,
    ...variables,
    `URL="\${BASE_URL}${inDoubleQuotes(path)}"`,
    '',
  ];
  const call = [
    `curl --silent --show-error -X ${route.method}`,
    `  ${CURL_BOUNDS}`,
    `  "${url}"`,
    "  -H 'Content-Type: application/json;charset=UTF-8'",
    ...headers.map((header) => `  -H "${header}: ${SIGNED_HEADER_VALUES[header]}"`),
    ...(body === undefined ? [] : ['  -d "$BODY"']),
  ].join(' \\\n');
  if (signed) {
    const sortedQuery = [...sent]
      .sort(byKey)
      .map(({ name, signed: value }) => `${inDoubleQuotes(name)}${value}`)
      .join('');
    lines.push(
      tokenStep(samplesDir),
      '',
      '# 2. The string to sign: the query parameters sorted by key, written as key+value with no',
      `#    separators, then the raw body exactly as sent${body === undefined ? ' (here none)' : ''}.`,
      ...(body === undefined ? [] : [`BODY=${shellQuote(body)}`]),
      `SORTED_QUERY="${sortedQuery}"`,
      '',
      '# 3. signature = SHA-256 of accessToken + that string + timestamp + appSecret.',
      'TIMESTAMP="$(date +%s)000"',
      `SIGNATURE="$(sha256_hex "\${ACCESS_TOKEN}\${SORTED_QUERY}${body === undefined ? '' : '${BODY}'}\${TIMESTAMP}\${APP_SECRET}")"`,
      '',
      `# 4. Send the call with the ${headers.length === 3 ? 'three ' : ''}APIM headers.`,
    );
  } else if (body !== undefined) {
    lines.push(`BODY=${shellQuote(body)}`);
  }
  lines.push(call);
  return { lang: 'Shell', label: 'curl', source: `${lines.join('\n')}\n` };
}
