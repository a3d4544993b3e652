/** Start Prism as a mock of the contract, or as a validation proxy in front of a server. */
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
import { type PrismServer, spawnPrism } from './prism-process.js';

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
  return spawnPrism(
    ['mock', contract, '--host', host, '--port', String(port), ...generation, ...seeded],
    { host, port, onLog: options.onLog },
  );
}

/**
 * Forwards every request to `upstream` and checks both directions against the contract. With
 * `--errors`, an answer that violates the contract becomes a 500 `application/problem+json`
 * listing the violations, instead of passing through with only a header.
 */
export async function startProxy(options: ProxyOptions): Promise<PrismServer> {
  const upstream = checkUpstream(options?.upstream);
  const contract = checkContract(options.contract);
  const host = checkHost(options.host);
  const port = checkPort(options.port, DEFAULT_PROXY_PORT);
  const requests = options.answersOnly ? ['--validate-request=false'] : [];
  return spawnPrism(
    ['proxy', contract, upstream, '--errors', ...requests, '--host', host, '--port', String(port)],
    { host, port, onLog: options.onLog },
  );
}
