import { UsageError } from '@enos-trigger/cli-kit';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-options.js';

describe('the command line', () => {
  it('has the documented defaults', () => {
    expect(parseCliArgs([])).toEqual({
      host: '127.0.0.1',
      port: 4020,
      fixtures: undefined,
      bodyLimit: 1_048_576,
      timestampWindowMs: 300_000,
      clock: 'system',
      clockStart: undefined,
      timeZone: 'UTC',
      logRequests: false,
      allowedHosts: [],
    });
  });

  it('reads every option', () => {
    const options = parseCliArgs([
      '--host=0.0.0.0',
      '--port',
      '0',
      '--fixtures',
      'f.json',
      '--body-limit',
      '10',
      '--timestamp-window',
      '1000',
      '--clock',
      'manual',
      '--clock-start',
      '2024-01-01T00:00:00Z',
      '--time-zone',
      'Asia/Shanghai',
      '--log-requests',
      '--allowed-host',
      'sandbox',
      '--allowed-host=Sandbox.Test',
    ]);
    expect(options).toEqual({
      host: '0.0.0.0',
      port: 0,
      fixtures: 'f.json',
      bodyLimit: 10,
      timestampWindowMs: 1000,
      clock: 'manual',
      clockStart: Date.UTC(2024, 0, 1),
      timeZone: 'Asia/Shanghai',
      logRequests: true,
      allowedHosts: ['sandbox', 'Sandbox.Test'],
    });
    expect(parseCliArgs(['--clock', 'manual', '--clock-start', '1000']).clockStart).toBe(1000);
    for (const zone of ['GMT+8', 'UTC-05:30', 'gmt']) {
      expect(parseCliArgs(['--time-zone', zone]).timeZone).toBe(zone);
    }
  });

  it('refuses wrong usage with a UsageError that names the option', () => {
    const cases: [string[], RegExp][] = [
      [['--nope'], /nope/],
      [['extra'], /extra/],
      [['--port', 'abc'], /--port/],
      [['--port', '70000'], /--port/],
      [['--port', '-1'], /--port/],
      [['--port'], /--port/],
      [['--body-limit', '0'], /--body-limit/],
      [['--body-limit', '1.5'], /--body-limit/],
      [['--timestamp-window', ''], /--timestamp-window/],
      [['--host', ''], /--host/],
      [['--clock', 'sundial'], /--clock/],
      [['--clock-start', '2024-01-01T00:00:00Z'], /--clock manual/],
      [['--clock', 'manual', '--clock-start', 'someday'], /--clock-start/],
      [['--clock', 'manual', '--clock-start', '9999999999999999'], /--clock-start/],
      [['--allowed-host', 'evil.example:80'], /--allowed-host/],
      [['--allowed-host', ''], /--allowed-host/],
      [['--time-zone', 'Mars/Olympus_Mons'], /^--time-zone must be UTC, GMT .*IANA/],
      [['--time-zone', 'GMT+15'], /^--time-zone must be .*"GMT\+15"/],
      [['--time-zone', ''], /^--time-zone must be/],
      [['--time-zone'], /--time-zone/],
    ];
    for (const [args, message] of cases) {
      expect(() => parseCliArgs(args), args.join(' ')).toThrow(UsageError);
      expect(() => parseCliArgs(args), args.join(' ')).toThrow(message);
    }
  });
});
