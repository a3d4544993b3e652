/** Requests built from the contract's own examples, and a plain HTTP sender for them. */
import {
  findOperation,
  loadContract,
  type OpenApiDocument,
  type OperationId,
  operationRoute,
  securityHeaderNames,
} from '@enos-trigger/spec';

export interface ContractRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The raw body, exactly as sent. */
  body?: string;
}

/** Stands in for the APIM headers: the mock checks that they are present, not their value. */
const PLACEHOLDER = 'placeholder';

/**
 * A request the contract accepts: its parameter and body examples, and its security headers.
 * @param contract another contract than the spec's, such as a copy with an operation added
 */
export function exampleRequest(
  operationId: OperationId | string,
  contract: OpenApiDocument = loadContract(),
): ContractRequest {
  const { operation } = findOperation(operationId as OperationId, contract);
  // The wire path and the fixed query (an operation that shares its path carries it in its key).
  const { method, path, fixedQuery } = operationRoute(operationId as OperationId, contract);
  const query = {
    ...fixedQuery,
    ...Object.fromEntries(
      (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => [parameter.name, String(parameter.example)]),
    ),
  };
  const headers: Record<string, string> = operation.requestBody
    ? { 'content-type': 'application/json;charset=UTF-8' }
    : {};
  for (const name of securityHeaderNames(operationId as OperationId, contract)) {
    headers[name] = PLACEHOLDER;
  }
  const example = operation.requestBody?.content['application/json']?.example;
  return { method, path, query, headers, body: JSON.stringify(example) };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export async function send(baseUrl: string, request: ContractRequest): Promise<Answer> {
  const url = new URL(request.path, baseUrl);
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  const response = await fetch(url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** The violations Prism lists in its `sl-violations` answer header (none when absent). */
export function violations(answer: Answer): Violation[] {
  const header = answer.headers.get('sl-violations');
  return header ? (JSON.parse(header) as Violation[]) : [];
}
