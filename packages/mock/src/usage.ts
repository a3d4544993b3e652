/** The text of enos-trigger-mock --help. */
import { errorCatalog, type OperationId } from '@enos-trigger/spec';
import { documentedResponses } from './documented-responses.js';
import { DEFAULT_HOST, DEFAULT_MOCK_PORT, DEFAULT_PROXY_PORT } from './options.js';

/**
 * Two Prefer values of the contract to show, of the first operation that has both: one of its
 * business errors (its error catalog) and one of its gateway errors.
 */
function preferExamples(): string {
  const responses = documentedResponses();
  for (const operationId of new Set(responses.map((response) => response.operationId))) {
    const own = responses.filter((response) => response.operationId === operationId);
    const [businessError] = errorCatalog(operationId as OperationId);
    const picked = [
      own.find((response) => response.example === businessError?.name),
      own.find((response) => response.status !== 200),
    ];
    if (picked[0] && picked[1]) {
      return picked.map((response) => `"Prefer: ${response?.prefer}"`).join(' or ');
    }
  }
  return '"Prefer: code=<status>" or "Prefer: example=<name>"';
}

export function usage(): string {
  return `Usage:
  enos-trigger-mock [--contract FILE] [--host HOST] [--port PORT] [--dynamic] [--seed N]
  enos-trigger-mock proxy --upstream URL [--contract FILE] [--host HOST] [--port PORT]
                          [--answers-only]
  enos-trigger-mock --help

Mock: Prism answers as the EnOS Trigger Flow contract documents, every error included.
  --contract FILE another OpenAPI file to serve (default: the bundled contract)
  --host HOST     interface to listen on (default ${DEFAULT_HOST})
  --port PORT     port to listen on (default ${DEFAULT_MOCK_PORT}; 0 picks a free one)
  --dynamic       generate answers from the schemas instead of the contract's examples
  --seed N        with --dynamic: the same seed gives the same answers, run after run
  Pick an answer with the Prefer request header, such as
    ${preferExamples()};
  the package README lists the value for every documented answer.

Proxy: Prism forwards every request to URL and checks the request and the answer against
the contract; an answer that violates it becomes a 500 listing the violations.
  --upstream URL  the server to check, e.g. https://apigw.example.com (required)
  --contract FILE another OpenAPI file to check against (default: the bundled contract)
  --host HOST     interface to listen on (default ${DEFAULT_HOST})
  --port PORT     port to listen on (default ${DEFAULT_PROXY_PORT}; 0 picks a free one)
  --answers-only  forward every request unchecked and check only the answers, for a test
                  suite that sends invalid requests on purpose (the conformance suite)

Prints "listening on http://HOST:PORT" on stdout once Prism answers; Prism's request log and
violation reports go to stderr. Ctrl-C (SIGINT) or SIGTERM stops Prism.
Exit status: 0 after --help or a stop by signal, 1 when Prism cannot start or stops by
itself, 2 on a usage error.`;
}
