/**
 * The proxy with `answersOnly`: requests go through unchecked, so a suite that sends invalid
 * requests on purpose reaches the server, and the answers are still held to the contract.
 */

import { type PrismServer, startProxy } from '@enos-trigger/mock';
import { successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { exampleRequest, send } from './support/requests.js';
import { startUpstream, type Upstream } from './support/upstream.js';

let upstream: Upstream;
let proxy: PrismServer;
beforeAll(async () => {
  upstream = await startUpstream();
  proxy = await startProxy({ upstream: upstream.url, port: 0, answersOnly: true });
});
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
});
beforeEach(() => {
  upstream.received.length = 0;
});

const trigger = exampleRequest('triggerFlow');
const success = successExample('triggerFlow').value as { data: { flowInstanceId: string } };

describe('a proxy that checks answers only', () => {
  it('forwards an invalid request to the upstream and returns its answer', async () => {
    const invalid = { message: 'Cannot process request body' };
    upstream.reply({ status: 400, body: JSON.stringify(invalid) });
    const { userId: _dropped, ...query } = trigger.query;
    const answer = await send(proxy.url, { ...trigger, query });
    expect(upstream.received).toHaveLength(1);
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual(invalid);
  });

  it('still turns an answer that violates the contract into a 500', async () => {
    const broken = { ...success, data: { flowInstanceId: 'not-an-id' } };
    upstream.reply({ status: 200, body: JSON.stringify(broken) });
    const answer = await send(proxy.url, trigger);
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });
});
