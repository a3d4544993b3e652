import { UsageError } from '@enos-trigger/cli-kit';
import { contractFiles } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli-arguments.js';

describe('the command line', () => {
  it.each([
    [
      [],
      {
        kind: 'mock',
        contract: contractFiles.yaml,
        host: '127.0.0.1',
        port: 4010,
        dynamic: false,
        seed: undefined,
      },
    ],
    [
      ['--host', '0.0.0.0', '--port', '0', '--dynamic', '--seed', '7'],
      {
        kind: 'mock',
        contract: contractFiles.yaml,
        host: '0.0.0.0',
        port: 0,
        dynamic: true,
        seed: '7',
      },
    ],
    [
      ['proxy', '--upstream', 'https://apigw.example.com'],
      {
        kind: 'proxy',
        contract: contractFiles.yaml,
        host: '127.0.0.1',
        port: 4011,
        upstream: 'https://apigw.example.com/',
        answersOnly: false,
      },
    ],
    [
      ['proxy', '--upstream', 'https://apigw.example.com', '--answers-only'],
      {
        kind: 'proxy',
        contract: contractFiles.yaml,
        host: '127.0.0.1',
        port: 4011,
        upstream: 'https://apigw.example.com/',
        answersOnly: true,
      },
    ],
    [
      ['--contract', contractFiles.json],
      { kind: 'mock', contract: contractFiles.json, host: '127.0.0.1', port: 4010, dynamic: false },
    ],
    [
      ['proxy', '--upstream', 'https://apigw.example.com', '--contract', contractFiles.json],
      {
        kind: 'proxy',
        contract: contractFiles.json,
        host: '127.0.0.1',
        port: 4011,
        upstream: 'https://apigw.example.com/',
        answersOnly: false,
      },
    ],
  ])('%j', (args, command) => {
    expect(parseCommandLine(args)).toEqual(command);
  });
});

describe('a usage error names what is wrong', () => {
  it.each([
    [['--port', 'abc'], '--port must be a number from 0 to 65535; got "abc".'],
    [['--port', '70000'], 'port must be an integer from 0 to 65535'],
    [['--port'], "Option '--port <value>' argument missing."],
    [['--bogus'], "Unknown option '--bogus'."],
    [['--seed', '7'], 'seed only changes generated answers: use it together with dynamic'],
    [['--upstream', 'http://127.0.0.1:1'], '--upstream belongs to the proxy'],
    [['--answers-only'], '--answers-only belongs to the proxy'],
    [['serve'], 'unexpected argument "serve".'],
    [['proxy', 'extra'], 'unexpected argument "extra".'],
    [['proxy'], 'proxy needs --upstream URL'],
    [['proxy', '--upstream', 'apigw.example.com'], 'upstream must be the http(s) URL'],
    [['proxy', '--upstream', 'ftp://example.com'], 'upstream must be the http(s) URL'],
    [['proxy', '--upstream', 'http://127.0.0.1:1', '--dynamic'], 'are options of the mock'],
    [['--host', ''], 'host must be a host name or an IP address'],
    [['--contract', '/no/such/openapi.yaml'], 'contract must be the path of an OpenAPI file'],
    [['--contract', '/tmp'], 'contract must be the path of an OpenAPI file'],
  ])('%j', (args, reason) => {
    expect(() => parseCommandLine(args)).toThrow(UsageError);
    expect(() => parseCommandLine(args)).toThrow(reason);
  });
});
