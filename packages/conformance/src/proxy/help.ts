/** The text of `enos-trigger-signing-proxy --help`. */
export const PROXY_HELP = `enos-trigger-signing-proxy: call EnOS without computing the APIM signature.

Usage:
  ENOS_APP_KEY=... ENOS_APP_SECRET=... enos-trigger-signing-proxy --server URL [options]

Listens on 127.0.0.1 and forwards each call of the contract's operations to --server: it gets
an access token (and a new one before it expires), strips any credential the caller sent, adds
the security headers the contract names with a fresh signature, and passes the answer back.
curl, Postman or Redocly Respect then call http://127.0.0.1:PORT as if it were the gateway.
It prints "listening on http://127.0.0.1:PORT" once it serves, then one line per call on
stderr (method, path, status: never a header, a query or a body).

Options:
  --server URL              The API gateway to forward to (a path prefix is kept). Required.
  --app-key KEY             The application's access key. Env: ENOS_APP_KEY.
  --app-secret SECRET       The application's secret key. Env: ENOS_APP_SECRET.
                            Prefer the environment variable: a flag shows in the process list.
  --port N                  The port on 127.0.0.1; default 0, a free one.
  --max-request-bytes N     The largest body a caller may send (default 1048576).
  --max-response-bytes N    The most of an upstream answer read (default 1048576).
  --request-timeout S       The wait for the upstream's whole answer, in seconds (default 15).
  --contract FILE           Another contract than the bundled one (a JSON OpenAPI file).
  -h, --help                This text.

The proxy's own errors are JSON {"message": "...", "proxyError": "<code>"} with the header
x-enos-signing-proxy-error: 502 for an upstream that fails (upstream-unreachable,
upstream-timeout, upstream-too-large, upstream-redirect, token-refused, token-unavailable),
503 proxy-stopping (a call cut off as the proxy stops), 413 request-too-large, 404 no-operation,
403 caller-refused, 400 bad-request, and 500 proxy-failure (a bug of the proxy: please report it).

Exit codes: 0 stopped by a signal, 1 could not start (a port in use), 2 wrong usage.
`;
