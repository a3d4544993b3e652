/** The options of the mock and the proxy, their defaults, and their checks. */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { contractFiles } from '@enos-trigger/spec';
import { InvalidOptionError } from './errors.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_MOCK_PORT = 4010;
export const DEFAULT_PROXY_PORT = 4011;

interface CommonOptions {
  /**
   * The OpenAPI file Prism serves (YAML or JSON, `$ref`s inside it). Default: the bundled
   * contract of @enos-trigger/spec. Another file is served as it is, every operation of it.
   */
  contract?: string;
  /** The interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Receives every line Prism prints (its request log and its violation reports). */
  onLog?: (line: string) => void;
}

export interface MockOptions extends CommonOptions {
  /** Default 4010; 0 picks a free port (read the chosen one from `url`). */
  port?: number;
  /** Generate answers from the schemas instead of returning the contract's examples. */
  dynamic?: boolean;
  /** With `dynamic`: the same seed gives the same generated answers, run after run. */
  seed?: string | number;
}

export interface ProxyOptions extends CommonOptions {
  /** The server whose traffic is checked, e.g. `https://apigw.example.com`. */
  upstream: string;
  /** Default 4011; 0 picks a free port (read the chosen one from `url`). */
  port?: number;
  /**
   * Default false: requests are checked too, and an invalid one is answered by Prism (422) and
   * never forwarded. True forwards every request unchecked and checks only the answers, for a
   * test suite that sends invalid requests on purpose (such as @enos-trigger/conformance).
   */
  answersOnly?: boolean;
}

export function checkContract(contract: string | undefined): string {
  if (contract === undefined) return contractFiles.yaml;
  let isFile = false;
  try {
    isFile = typeof contract === 'string' && contract !== '' && statSync(contract).isFile();
  } catch {
    isFile = false;
  }
  if (!isFile) {
    throw new InvalidOptionError(
      `contract must be the path of an OpenAPI file; got ${JSON.stringify(contract)}, which is not a file.`,
    );
  }
  return resolve(contract);
}

export function checkHost(host: string | undefined): string {
  if (host === undefined) return DEFAULT_HOST;
  if (typeof host !== 'string' || host.trim() === '') {
    throw new InvalidOptionError('host must be a host name or an IP address, such as 127.0.0.1.');
  }
  return host;
}

export function checkPort(port: number | undefined, fallback: number): number {
  if (port === undefined) return fallback;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InvalidOptionError(
      `port must be an integer from 0 to 65535 (0 picks a free port); got ${String(port)}.`,
    );
  }
  return port;
}

export function checkSeed(seed: MockOptions['seed'], dynamic: boolean): string | undefined {
  if (seed === undefined) return undefined;
  if (!dynamic) {
    throw new InvalidOptionError(
      'seed only changes generated answers: use it together with dynamic (--dynamic).',
    );
  }
  if (String(seed).trim() === '') throw new InvalidOptionError('seed must not be empty.');
  return String(seed);
}

export function checkUpstream(upstream: string | undefined): string {
  let url: URL | undefined;
  try {
    url = new URL(upstream ?? '');
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InvalidOptionError(
      `upstream must be the http(s) URL of the server to check, such as ` +
        `https://apigw.example.com; got ${JSON.stringify(upstream ?? '')}.`,
    );
  }
  return url.href;
}
