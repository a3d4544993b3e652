/** A tiny static server for the one page: `/` and `/index.html`, nothing else. */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';

const PAGE_PATHS = new Set(['/', '/index.html']);

/** Serve `file` (read on every request, so a rebuild shows on reload). */
export function createDocsServer(file: string): Server {
  return createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
      response.end('Only GET and HEAD are served.\n');
      return;
    }
    if (!PAGE_PATHS.has(path)) {
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('Not found. The reference is at /.\n');
      return;
    }
    readFile(file).then(
      (page) => {
        response.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Content-Length': page.length,
          'Cache-Control': 'no-cache',
        });
        response.end(request.method === 'HEAD' ? undefined : page);
      },
      () => {
        response.writeHead(503, { 'Content-Type': 'text/plain' });
        response.end(
          `The page ${file} is missing. Build it: npm run build -w @enos-trigger/docs\n`,
        );
      },
    );
  });
}
