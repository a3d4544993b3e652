#!/usr/bin/env node
/**
 * `npm run serve` (the root's `npm run docs`): serve the built page on 127.0.0.1. The page is
 * one offline file; the server is only a convenience for a browser that wants http://.
 */
import { existsSync } from 'node:fs';
import { paths } from './paths.js';
import { createDocsServer } from './server.js';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4000;

const USAGE = `Usage: npm run serve -w @enos-trigger/docs   (at the root: npm run docs)

Serves the API reference ${paths.html}
on http://${HOST}:<port>/ until stopped with Ctrl+C.

Environment:
  DOCS_PORT   the port, 0-65535 (default ${DEFAULT_PORT}; 0 picks a free one)

Exit codes: 0 stopped, 1 page missing or port taken, 2 usage error.`;

function fail(message: string, code: 1 | 2): never {
  console.error(message);
  process.exit(code);
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    fail(`DOCS_PORT must be a whole number from 0 to 65535, not "${raw}".\n\n${USAGE}`, 2);
  }
  return port;
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length > 0) fail(`Unknown argument: ${args[0]}\n\n${USAGE}`, 2);

const port = parsePort(process.env.DOCS_PORT);
if (!existsSync(paths.html)) {
  fail(`No page at ${paths.html}. Build it first: npm run build -w @enos-trigger/docs`, 1);
}

const server = createDocsServer(paths.html);
server.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EADDRINUSE') {
    fail(
      `Port ${port} on ${HOST} is taken. Stop what uses it, or pick another port: ` +
        `DOCS_PORT=4001 npm run docs`,
      1,
    );
  }
  fail(`Cannot serve on ${HOST}:${port}: ${error.message}`, 1);
});
server.listen(port, HOST, () => {
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  console.log(`Serving the EnOS Trigger Flow API reference at http://${HOST}:${bound}/`);
  console.log(`The page is one offline file: ${paths.html}`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    // A browser keeps its connection open; do not wait for it.
    server.closeAllConnections();
  });
}
