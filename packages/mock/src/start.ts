/**
 * Start Prism as a mock of the contract, or as a validation proxy in front of a server. Either
 * way Prism serves a copy of the contract in which operations that share a path have paths of
 * their own (see internal-paths.ts), behind a front that clients call with the real paths.
 */

import { startForwarder } from './forwarder.js';
import { INTERNAL_HOST, startFrontedPrism } from './fronted-prism.js';
import {
  checkContract,
  checkHost,
  checkPort,
  checkSeed,
  checkUpstream,
  DEFAULT_MOCK_PORT,
  DEFAULT_PROXY_PORT,
  type MockOptions,
  type ProxyOptions,
} from './options.js';
import type { PrismServer } from './prism-process.js';
import { readServedContract } from './served-contract.js';

/**
 * How long the proxy waits on a silent upstream before it answers 504: Prism itself would wait
 * for ever, holding the request. Long enough for any answer a gateway gives.
 */
const UPSTREAM_IDLE_LIMIT_MS = 120_000;

/** Answers every documented response of the contract; static examples unless `dynamic`. */
export async function startMock(options: MockOptions = {}): Promise<PrismServer> {
  const contract = checkContract(options.contract);
  const host = checkHost(options.host);
  const port = checkPort(options.port, DEFAULT_MOCK_PORT);
  const dynamic = options.dynamic ?? false;
  const seed = checkSeed(options.seed, dynamic);
  const generation = dynamic
    ? // Without this, Prism's generator invents properties the contract does not list.
      ['--dynamic', '--json-schema-faker-fillProperties=false']
    : [];
  const seeded = seed === undefined ? [] : ['--seed', seed];
  return startFrontedPrism({
    host,
    port,
    served: await readServedContract(contract),
    onLog: options.onLog,
    prismArguments: (file) => ['mock', file, ...generation, ...seeded],
  });
}

/**
 * Forwards every request to `upstream` and checks both directions against the contract. With
 * `--errors`, an answer that violates the contract becomes a 500 `application/problem+json`
 * listing the violations, instead of passing through with only a header. Prism forwards to the
 * back, which gives each request its real path again and sends it to `upstream`.
 */
export async function startProxy(options: ProxyOptions): Promise<PrismServer> {
  const upstream = checkUpstream(options?.upstream);
  const contract = checkContract(options.contract);
  const host = checkHost(options.host);
  const port = checkPort(options.port, DEFAULT_PROXY_PORT);
  const requests = options.answersOnly ? ['--validate-request=false'] : [];
  const served = await readServedContract(contract);
  const upstreamUrl = new URL(upstream);
  const back = await startForwarder({
    host: INTERNAL_HOST,
    port: 0,
    routing: served.back(upstreamUrl),
    targetName: `the upstream ${upstreamUrl.origin}`,
    hostHeader: 'target',
    refuseRedirects: true,
    idleLimitMs: UPSTREAM_IDLE_LIMIT_MS,
  });
  back.forwardTo(upstreamUrl.origin);
  return startFrontedPrism({
    host,
    port,
    served,
    onLog: options.onLog,
    prismArguments: (file) => ['proxy', file, back.url, '--errors', ...requests],
    companions: [back],
  });
}
