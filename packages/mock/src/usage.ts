/** The text of enos-trigger-mock --help. */
import { errorCatalog } from '@enos-trigger/spec';
import { documentedResponses } from './documented-responses.js';
import { DEFAULT_HOST, DEFAULT_MOCK_PORT, DEFAULT_PROXY_PORT } from './options.js';

/** Two Prefer values of the contract to show: a business error and a gateway error. */
function preferExamples(): string {
  const responses = documentedResponses().filter(
    (response) => response.operationId === 'triggerFlow',
  );
  const [businessError] = errorCatalog('triggerFlow');
  const picked = [
    responses.find((response) => response.example === businessError?.name),
    responses.find((response) => response.status !== 200),
  ];
  return picked
    .flatMap((response) => (response ? [`"Prefer: ${response.prefer}"`] : []))
    .join(' or ');
}

export function usage(): string {
  return `Usage:
  enos-trigger-mock [--host HOST] [--port PORT] [--dynamic] [--seed N]
  enos-trigger-mock proxy --upstream URL [--host HOST] [--port PORT] [--answers-only]
  enos-trigger-mock --help

Mock: Prism answers as the EnOS Trigger Flow contract documents, every error included.
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
  --host HOST     interface to listen on (default ${DEFAULT_HOST})
  --port PORT     port to listen on (default ${DEFAULT_PROXY_PORT}; 0 picks a free one)
  --answers-only  forward every request unchecked and check only the answers, for a test
                  suite that sends invalid requests on purpose (the conformance suite)

Prints "listening on http://HOST:PORT" on stdout once Prism answers; Prism's request log and
violation reports go to stderr. Ctrl-C (SIGINT) or SIGTERM stops Prism.
Exit status: 0 after --help or a stop by signal, 1 when Prism cannot start or stops by
itself, 2 on a usage error.`;
}
