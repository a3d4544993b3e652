/**
 * The throughput figure measures only servers that accept the signed request: a server that
 * answers 401 (or a business error) to it would be measured refusing, which proves nothing.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerRoute } from '../src/contract.js';
import { measureThroughput } from '../src/figures/throughput.js';
import { quickProfile } from '../src/profile.js';

let server: Server;
let url: string;
const answers: Record<string, { status: number; body: unknown }> = {
  '/ok': {
    status: 200,
    body: { code: 0, msg: 'OK', data: { flowInstanceId: '1-20250101000000' } },
  },
  '/unauthorized': { status: 401, body: { message: 'Invalid authentication credentials' } },
  '/refused': { status: 200, body: { code: 62103, msg: 'User has no privilege.', data: null } },
};

beforeAll(async () => {
  server = createServer((request, response) => {
    const prefix = `/${request.url?.split('/')[1]}`;
    const answer = answers[prefix] ?? { status: 404, body: {} };
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const request = {
  method: triggerRoute.method,
  target: 'flows?action=trigger',
  headers: { 'content-type': 'application/json' },
  body: '{}',
};

describe('measureThroughput', () => {
  it.each(['unauthorized', 'refused'])(
    'refuses to measure a server that answers %s',
    async (answer) => {
      const servers = { bare: `${url}/ok/`, prism: `${url}/ok/`, sandbox: `${url}/${answer}/` };
      let mixPrepared = false;
      const prepareMix = () => {
        mixPrepared = true;
        return Promise.reject(new Error('the mix is prepared only once the request is accepted'));
      };
      await expect(
        measureThroughput(quickProfile, servers, request, prepareMix, () => {}),
      ).rejects.toThrow(/sandbox refused the benchmark's trigger request .*nothing was measured/);
      expect(mixPrepared).toBe(false);
    },
  );
});
