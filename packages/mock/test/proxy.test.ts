/**
 * The validation proxy in front of a deliberately wrong upstream that the test controls: a
 * violation becomes a 500 that lists it; a conforming answer passes through unchanged.
 */

import { type PrismServer, startProxy } from '@enos-trigger/mock';
import { errorCatalog, successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordConnections } from './support/connection-recorder.js';
import { type Answer, exampleRequest, send, type Violation } from './support/requests.js';
import { startUpstream, type Upstream } from './support/upstream.js';

const recorder = recordConnections();
let upstream: Upstream;
let proxy: PrismServer;
beforeAll(async () => {
  upstream = await startUpstream();
  proxy = await startProxy({ upstream: upstream.url, port: 0 });
});
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
  recorder.stop();
});
beforeEach(() => {
  upstream.received.length = 0;
});

const trigger = exampleRequest('triggerFlow');
const success = successExample('triggerFlow').value as {
  code: number;
  msg: string;
  data: { flowInstanceId: string };
};

function reportedViolations(answer: Answer): Violation[] {
  expect(answer.status).toBe(500);
  expect(answer.headers.get('content-type')).toBe('application/problem+json');
  return (answer.json as { validation: Violation[] }).validation;
}

describe('an upstream answer that violates the contract is reported', () => {
  it('a success whose flowInstanceId is malformed', async () => {
    const body = { ...success, data: { flowInstanceId: 'instance-42' } };
    upstream.reply({ status: 200, body: JSON.stringify(body) });
    const answer = await send(proxy.url, trigger);
    expect(reportedViolations(answer)).toContainEqual(
      expect.objectContaining({
        location: ['response', 'body', 'data', 'flowInstanceId'],
        code: 'pattern',
      }),
    );
  });

  it('a success whose code is a string', async () => {
    upstream.reply({
      status: 200,
      body: JSON.stringify({ ...success, code: String(success.code) }),
    });
    const answer = await send(proxy.url, trigger);
    expect(reportedViolations(answer)).toContainEqual(
      expect.objectContaining({ location: ['response', 'body', 'code'], code: 'type' }),
    );
  });

  it('a business error whose data is not null', async () => {
    const [error] = errorCatalog('triggerFlow');
    const body = { code: error?.code, msg: error?.message, data: {} };
    upstream.reply({ status: 200, body: JSON.stringify(body) });
    const answer = await send(proxy.url, trigger);
    expect(reportedViolations(answer)).toContainEqual(
      expect.objectContaining({ location: ['response', 'body', 'data'] }),
    );
  });
});

describe('conforming traffic passes unchanged', () => {
  it('the success', async () => {
    upstream.reply({ status: 200, body: JSON.stringify(success) });
    const answer = await send(proxy.url, trigger);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(success);
    expect(answer.headers.get('sl-violations')).toBeNull();
  });

  it.each(errorCatalog('triggerFlow').map((entry) => [entry.name, entry]))(
    'the business error %s',
    async (_, entry) => {
      const body = { code: entry.code, msg: entry.message, data: null };
      upstream.reply({ status: 200, body: JSON.stringify(body) });
      const answer = await send(proxy.url, trigger);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual(body);
      expect(answer.headers.get('sl-violations')).toBeNull();
    },
  );

  it('the request, as the upstream receives it: same path, query, headers and body', async () => {
    upstream.reply({ status: 200, body: JSON.stringify(success) });
    await send(proxy.url, trigger);
    const [received] = upstream.received;
    const url = new URL(received?.url ?? '', upstream.url);
    expect(url.pathname).toBe(trigger.path);
    expect(Object.fromEntries(url.searchParams)).toEqual(trigger.query);
    expect(received?.body).toBe(trigger.body);
    for (const [name, value] of Object.entries(trigger.headers)) {
      expect(received?.headers[name]).toBe(value);
    }
  });
});

describe('what the proxy changes', () => {
  it('re-serialises a JSON body: spacing is lost, which breaks an APIM signature', async () => {
    upstream.reply({ status: 200, body: JSON.stringify(success) });
    const spaced = JSON.stringify(JSON.parse(trigger.body ?? ''), null, 2);
    await send(proxy.url, { ...trigger, body: spaced });
    expect(upstream.received[0]?.body).toBe(JSON.stringify(JSON.parse(spaced)));
  });

  it('rejects an invalid request itself with a 422, without forwarding it', async () => {
    upstream.reply({ status: 200, body: JSON.stringify(success) });
    const { userId: _dropped, ...query } = trigger.query;
    const answer = await send(proxy.url, { ...trigger, query });
    expect(answer.status).toBe(422);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(upstream.received).toEqual([]);
  });

  it('rejects a request without the APIM headers itself with a 401, without forwarding it', async () => {
    const answer = await send(proxy.url, {
      ...trigger,
      headers: { 'content-type': trigger.headers['content-type'] ?? 'application/json' },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(upstream.received).toEqual([]);
  });

  it('answers a path the contract does not have with a 404, without forwarding it', async () => {
    const answer = await send(proxy.url, {
      ...trigger,
      path: '/batch-processing-service/v2.1/jobs',
    });
    expect(answer.status).toBe(404);
    expect(upstream.received).toEqual([]);
  });

  it('lets an undocumented error status through, with a warning in sl-violations', async () => {
    upstream.reply({ status: 502, body: JSON.stringify({ message: 'Bad gateway' }) });
    const answer = await send(proxy.url, trigger);
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.headers.get('sl-violations') ?? '[]')).toContainEqual(
      expect.objectContaining({ severity: 'Warning' }),
    );
  });
});

describe('no telemetry', () => {
  it('the proxy, having forwarded every request here, has connected to its upstream only', () => {
    const upstreamPort = Number(new URL(upstream.url).port);
    const connections = recorder.connectionsOf(proxy.pid);
    expect(connections).toContainEqual({ host: '127.0.0.1', port: upstreamPort });
    expect(connections.filter((connection) => connection.port !== upstreamPort)).toEqual([]);
    expect(connections.filter((connection) => connection.host !== '127.0.0.1')).toEqual([]);
  });
});
