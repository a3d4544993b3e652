/** The command line of enos-trigger-sandbox: its options, their checks and its --help. */
import { parseArguments, UsageError } from '@enos-trigger/cli-kit';
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_TIMESTAMP_WINDOW_MS,
  HOST_NAME,
} from './sandbox.js';
import { DEFAULT_TIME_ZONE, serverTimeZone } from './server-time.js';

export const USAGE = `Usage: enos-trigger-sandbox [options]

A stateful reference server of EnOS Trigger Flow: the APIM token endpoint, Trigger Flow, Get,
List and Cancel Flow Instance, and a control API under /__sandbox/. Prints
"listening on http://HOST:PORT" once ready; SIGINT or SIGTERM stops it after in-flight
requests finish.

Options:
  --host HOST              Address to listen on (default ${DEFAULT_HOST}).
  --port PORT              Port to listen on; 0 picks a free one (default ${DEFAULT_PORT}).
  --fixtures FILE          JSON fixtures file: apps, users, flows (default: built-in fixtures).
  --body-limit BYTES       Largest request body; over it the answer is 413 (default ${DEFAULT_BODY_LIMIT}).
  --timestamp-window MS    How far apim-timestamp may be from now, either way (default ${DEFAULT_TIMESTAMP_WINDOW_MS}).
  --clock system|manual    Sandbox time: the host's, or one moved by the control API (default system).
  --clock-start TIME       Start of a manual clock: ISO 8601 or epoch ms (default: now).
  --time-zone ZONE         The server's zone of instances' string times: UTC, GMT+8, UTC-05:30
                           or an IANA name such as Asia/Shanghai (default ${DEFAULT_TIME_ZONE}, inferred).
  --allowed-host NAME      Another host name the control API answers to, e.g. a Docker service
                           name (repeatable; localhost and IP addresses always are).
  --log-requests           Print one line per request (never a secret; control characters
                           escaped).
  -h, --help               Show this help.

Exit codes: 0 stopped by a signal, 1 could not start (bad fixtures file, port in use),
2 wrong usage.`;

export interface CliOptions {
  host: string;
  port: number;
  fixtures: string | undefined;
  bodyLimit: number;
  timestampWindowMs: number;
  clock: 'system' | 'manual';
  clockStart: number | undefined;
  /** A zone `serverTimeZone` reads: checked here, so that a bad one is a usage error. */
  timeZone: string;
  logRequests: boolean;
  allowedHosts: string[];
}

/** Reads the command line (--help is answered before, by cli-kit); throws a UsageError. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values } = parseArguments({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      fixtures: { type: 'string' },
      'body-limit': { type: 'string' },
      'timestamp-window': { type: 'string' },
      clock: { type: 'string' },
      'clock-start': { type: 'string' },
      'time-zone': { type: 'string' },
      'log-requests': { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
    },
  });
  const clock = values.clock ?? 'system';
  if (clock !== 'system' && clock !== 'manual') {
    throw new UsageError(`--clock must be system or manual, not ${JSON.stringify(clock)}.`);
  }
  if (values['clock-start'] !== undefined && clock !== 'manual') {
    throw new UsageError('--clock-start needs --clock manual.');
  }
  const host = (values.host as string | undefined) ?? DEFAULT_HOST;
  if (host === '') throw new UsageError('--host must not be empty.');
  const allowedHosts = (values['allowed-host'] as string[] | undefined) ?? [];
  for (const name of allowedHosts) {
    if (!HOST_NAME.test(name)) {
      throw new UsageError(
        `--allowed-host must be a host name (letters, digits, dots, hyphens), not ${JSON.stringify(name)}.`,
      );
    }
  }
  return {
    host,
    port: whole(values.port, '--port', DEFAULT_PORT, 0, 65535),
    fixtures: values.fixtures as string | undefined,
    bodyLimit: whole(values['body-limit'], '--body-limit', DEFAULT_BODY_LIMIT, 1),
    timestampWindowMs: whole(
      values['timestamp-window'],
      '--timestamp-window',
      DEFAULT_TIMESTAMP_WINDOW_MS,
      1,
    ),
    clock,
    clockStart: time(values['clock-start'] as string | undefined),
    timeZone: zone(values['time-zone'] as string | undefined),
    logRequests: values['log-requests'] === true,
    allowedHosts,
  };
}

function whole(
  value: string | boolean | string[] | undefined,
  flag: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = /^[0-9]+$/.test(String(value)) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, not ${value}.`);
  }
  return n;
}

function time(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = /^-?[0-9]+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isSafeInteger(n) || Number.isNaN(new Date(n).getTime())) {
    throw new UsageError(
      `--clock-start must be an ISO 8601 time (2024-01-01T00:00:00Z) or epoch ms, not ${value}.`,
    );
  }
  return n;
}

function zone(value: string | undefined): string {
  if (value === undefined) return DEFAULT_TIME_ZONE;
  try {
    serverTimeZone(value);
  } catch (error) {
    // The library's RangeError already lists what is accepted; name the flag instead.
    if (!(error instanceof RangeError)) throw error;
    throw new UsageError(error.message.replace(/^timeZone\b/, '--time-zone'));
  }
  return value;
}
