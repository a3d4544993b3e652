/**
 * The bare baseline: plain node:http answering fixed bodies, run as its own process. The token
 * path gets the contract's token success example, every other request the Trigger Flow success
 * example, so that the client benchmark runs its real code path against it.
 * Prints `listening on URL` once ready; SIGTERM stops it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { successExample } from '@enos-trigger/spec';
import { TOKEN_OPERATION, TRIGGER_OPERATION, tokenRoute } from '../contract.js';

const tokenBody = Buffer.from(JSON.stringify(successExample(TOKEN_OPERATION).value));
const triggerBody = Buffer.from(JSON.stringify(successExample(TRIGGER_OPERATION).value));

const server = createServer((request, response) => {
  request.resume();
  const body = request.url?.startsWith(tokenRoute.path) ? tokenBody : triggerBody;
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  response.end(body);
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening on http://127.0.0.1:${port}`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
