/**
 * Figure 2: the client's CPU time per Trigger Flow call against plain `fetch` doing the same
 * signing by hand with WebCrypto, both calling the bare server (another process), so only the
 * caller's own work is counted. Rounds of each alternate, and the medians are compared.
 */
import { createTriggerFlowClient } from '@enos-trigger/client';
import { signedHeaders, TRIGGER_CODE_FIELD } from '../contract.js';
import { type Figure, figure, median } from '../figure.js';
import type { Profile } from '../profile.js';
import { type Credentials, fetchAccessToken, triggerExample } from '../trigger-request.js';

type Call = () => Promise<void>;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** What an application would write without the client: one token, then sign each call. */
async function plainFetchCall(baseUrl: string, credentials: Credentials): Promise<Call> {
  const accessToken = await fetchAccessToken(baseUrl, credentials);
  const { method, path, query, body: exampleBody } = triggerExample();
  const { flowId } = JSON.parse(exampleBody) as { flowId: number };
  const url = `${baseUrl}${path}?${new URLSearchParams(query)}`;
  return async () => {
    const body = JSON.stringify({ flowId, triggerTime: Date.now() });
    const timestamp = Date.now();
    const sortedQuery = Object.keys(query)
      .sort()
      .map((key) => key + query[key])
      .join('');
    const signature = await sha256Hex(
      accessToken + sortedQuery + body + timestamp + credentials.appSecret,
    );
    const response = await fetch(url, {
      method,
      headers: {
        'content-type': 'application/json;charset=UTF-8',
        ...signedHeaders({ accessToken, signature, timestamp }),
      },
      body,
    });
    const answer = (await response.json()) as Record<string, unknown> & {
      data?: { flowInstanceId?: string };
    };
    const code = answer[TRIGGER_CODE_FIELD];
    if (!response.ok || code !== 0 || !answer.data?.flowInstanceId) {
      throw new Error(`plain fetch got HTTP ${response.status}, code ${code}`);
    }
  };
}

function clientCall(baseUrl: string, credentials: Credentials): Call {
  const { query, body } = triggerExample();
  const { flowId } = JSON.parse(body) as { flowId: number };
  const client = createTriggerFlowClient({
    baseUrl,
    ...credentials,
    userId: query.userId,
    orgId: query.orgId,
  });
  return async () => {
    const result = await client.triggerFlow({ flowId });
    if (!result.ok) throw new Error(`the client failed: ${result.error.message}`);
  };
}

/** CPU time (user + system, all threads: WebCrypto hashes off the main thread) per call, µs. */
async function cpuPerCall(call: Call, calls: number): Promise<number> {
  const before = process.cpuUsage();
  for (let index = 0; index < calls; index++) await call();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / calls;
}

export async function measureClientCpu(
  profile: Profile,
  bareUrl: string,
  credentials: Credentials,
  log: (line: string) => void,
): Promise<{ client_cpu_vs_fetch: Figure }> {
  const { rounds, callsPerRound, warmupCalls } = profile.clientCpu;
  const contenders = {
    client: clientCall(bareUrl, credentials),
    fetch: await plainFetchCall(bareUrl, credentials),
  };
  // The first calls fetch the client's token and warm the JIT: not counted.
  await cpuPerCall(contenders.client, warmupCalls);
  await cpuPerCall(contenders.fetch, warmupCalls);
  const samples = { client: [] as number[], fetch: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['client', 'fetch'] as const) : (['fetch', 'client'] as const);
    for (const name of order) samples[name].push(await cpuPerCall(contenders[name], callsPerRound));
    log(
      `  client CPU round ${round + 1}/${rounds}: client ${samples.client.at(-1)?.toFixed(0)} µs, fetch ${samples.fetch.at(-1)?.toFixed(0)} µs per call`,
    );
  }
  return {
    client_cpu_vs_fetch: figure({
      value: median(samples.client),
      baseline: median(samples.fetch),
      unit: 'µs CPU/call',
      valueLabel: '@enos-trigger/client',
      baselineLabel: 'fetch, signed by hand',
      goal: { on: 'ratio', atMost: 1.15 },
      detail: {
        rounds,
        callsPerRound,
        clientMicroseconds: samples.client.map(Math.round),
        fetchMicroseconds: samples.fetch.map(Math.round),
        server: 'bare node:http in its own process, answering the contract success examples',
      },
      note: `Medians of ${rounds} alternating rounds of ${callsPerRound} sequential calls each, after ${warmupCalls} unmeasured ones (the client's token request among them); CPU of this process only, all its threads (WebCrypto hashes on libuv's pool); the server is another process.`,
    }),
  };
}
