/**
 * One measured run of autocannon against a server: one signed request sent again and again, or
 * a mix handed out request by request. autocannon runs in the bench's process, every server in
 * its own, so the load generator never shares an event loop with the server it measures.
 */
import autocannon from 'autocannon';
import type { MixSource } from './mix/source.js';
import type { SignedRequest } from './signed-request.js';

/** Connections kept open at once: also the most requests in flight when a run stops. */
export const CONNECTIONS = 10;

export interface Load {
  /** 2xx answers per second. */
  requestsPerSecond: number;
  p99Ms: number;
  /** Answers that were not 2xx, and connection errors or timeouts: 0 in a sound run. */
  non2xx: number;
  errors: number;
}

/** What a run sends: one request every time, or the next request of a mix. */
export type Workload = { one: SignedRequest } | { mix: MixSource };

function options(url: string, workload: Workload): autocannon.Options {
  if ('one' in workload) {
    const { one } = workload;
    return {
      url: new URL(one.target, url).href,
      method: one.method as autocannon.Request['method'],
      headers: one.headers,
      body: one.body,
    };
  }
  const { mix } = workload;
  return {
    url,
    // One entry whose setup is called before every request: the next of the mix, already
    // signed. autocannon builds its bytes then, for the sandbox and the bare server alike.
    requests: [
      {
        setupRequest: (request) => {
          const next = mix.next();
          return { ...request, ...next, method: next.method as autocannon.Request['method'] };
        },
      },
    ],
  };
}

export async function load(url: string, workload: Workload, seconds: number): Promise<Load> {
  const result = await autocannon({
    ...options(url, workload),
    connections: CONNECTIONS,
    duration: seconds,
  });
  return {
    requestsPerSecond: result['2xx'] / result.duration,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
