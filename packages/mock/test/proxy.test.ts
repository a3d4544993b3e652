/**
 * The validation proxy in front of a deliberately wrong upstream that the test controls: a
 * violation becomes a 500 that lists it; a conforming answer passes through unchanged.
 */

import { type PrismServer, startProxy } from '@enos-trigger/mock';
import { errorCatalog, operationRoute, successExample } from '@enos-trigger/spec';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { recordConnections, recordThisProcess } from './support/connection-recorder.js';
import { type Answer, exampleRequest, send, type Violation } from './support/requests.js';
import { startUpstream, type Upstream } from './support/upstream.js';

const recorder = recordConnections();
const here = recordThisProcess();
let upstream: Upstream;
let proxy: PrismServer;
const prismLog: string[] = [];
beforeAll(async () => {
  upstream = await startUpstream();
  proxy = await startProxy({
    upstream: upstream.url,
    port: 0,
    onLog: (line) => prismLog.push(line),
  });
});
afterAll(async () => {
  await proxy?.close();
  await upstream?.close();
  recorder.stop();
  here.stop();
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

describe('the instance operations, which share one path', () => {
  const cancel = exampleRequest('cancelFlowInstance');
  const cancelled = successExample('cancelFlowInstance').value as Record<string, unknown>;

  it('reach the upstream at their real path, with their fixed query', async () => {
    upstream.reply({ status: 200, body: JSON.stringify(cancelled) });
    const answer = await send(proxy.url, cancel);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(cancelled);
    const [received] = upstream.received;
    const url = new URL(received?.url ?? '', upstream.url);
    const { path, fixedQuery } = operationRoute('cancelFlowInstance');
    expect(url.pathname).toBe(path);
    expect(Object.fromEntries(url.searchParams)).toEqual({ ...fixedQuery, ...cancel.query });
    expect(received?.body).toBe(cancel.body);
  });

  it("are checked against their own operation's schema", async () => {
    // Cancel answers `data: ""`; an object there is Trigger Flow's shape, not Cancel's.
    upstream.reply({ status: 200, body: JSON.stringify({ ...cancelled, data: {} }) });
    const answer = await send(proxy.url, cancel);
    expect(reportedViolations(answer)).toContainEqual(
      expect.objectContaining({ location: ['response', 'body', 'data'] }),
    );
  });

  it('an invalid one is refused with a 422, not forwarded', async () => {
    const answer = await send(proxy.url, { ...cancel, body: '{}' });
    expect(answer.status).toBe(422);
    expect(upstream.received).toEqual([]);
  });
});

describe('a redirect from the upstream', () => {
  it('is not followed with the APIM headers: it becomes a 502 saying so', async () => {
    const elsewhere = await startUpstream();
    try {
      upstream.reply({ status: 302, body: '', headers: { location: `${elsewhere.url}/steal` } });
      const answer = await send(proxy.url, trigger);
      expect(answer.status).toBe(502);
      expect((answer.json as { detail: string }).detail).toContain('redirect');
      expect(elsewhere.received).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });
});

describe('no telemetry', () => {
  it("Prism connects to the proxy's back only, and the back to the upstream only", () => {
    const prism = recorder.connectionsOf(proxy.pid);
    expect(prism.length).toBeGreaterThan(0);
    const [back] = prism;
    expect(back?.host).toBe('127.0.0.1');
    expect(prism.filter((connection) => connection.port !== back?.port)).toEqual([]);
    // This process holds the front and the back: besides the test's calls to the front and the
    // front's to Prism, it connects to the upstream only.
    const frontPort = Number(new URL(proxy.url).port);
    const prismPort = Number(
      /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(prismLog.join('\n'))?.[1],
    );
    const upstreamPort = Number(new URL(upstream.url).port);
    const fromHere = here.connections.filter(
      (connection) => connection.port !== frontPort && connection.port !== prismPort,
    );
    expect(fromHere).toContainEqual({ host: '127.0.0.1', port: upstreamPort });
    expect(fromHere.filter((connection) => connection.port !== upstreamPort)).toEqual([]);
  });
});
