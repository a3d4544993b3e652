import { findOperation } from '@enos-trigger/spec';
import { describe, expect, it } from 'vitest';
import { encryptionMatches, signatureMatches, timestampWithin } from '../src/signature.js';

// Vectors computed outside Node, with `printf '%s' '<signData>' | sha256sum`.
const SEED_BODY = '{"flowId":3377,"triggerTime":1574385824000}';
const SEED_SIGNATURE = 'eee72534ba86f4406f65414c29b98bec94667534e099af43330b57e737db07d1';

const seedRequest = () => ({
  accessToken: 'tok-1',
  query: [
    ['action', 'trigger'],
    ['userId', 'sandbox-user'],
    ['orgId', 'sandbox-org'],
  ] as [string, string][],
  body: Buffer.from(SEED_BODY),
  timestamp: '1574385824000',
  signature: SEED_SIGNATURE,
});

describe('token encryption', () => {
  it("accepts the contract's own token request example", () => {
    const example = findOperation('getAccessToken').operation.requestBody?.content[
      'application/json'
    ]?.example as { appKey: string; encryption: string; timestamp: number };
    expect(
      encryptionMatches(
        example.appKey,
        String(example.timestamp),
        'sandbox-app-secret',
        example.encryption,
      ),
    ).toBe(true);
  });

  it('refuses another secret, another timestamp, and upper-case or short hex', () => {
    const good = '12147f3291d6a8999809fab812ca6dbf0c738cd6e453dc7d7ee514ba9b88a24f';
    expect(encryptionMatches('sandbox-app-key', '1574385824000', 'sandbox-app-secret', good)).toBe(
      true,
    );
    expect(encryptionMatches('sandbox-app-key', '1574385824000', 'other', good)).toBe(false);
    expect(encryptionMatches('sandbox-app-key', '1574385824001', 'sandbox-app-secret', good)).toBe(
      false,
    );
    const upper = good.toUpperCase();
    expect(encryptionMatches('sandbox-app-key', '1574385824000', 'sandbox-app-secret', upper)).toBe(
      false,
    );
    expect(
      encryptionMatches('sandbox-app-key', '1574385824000', 'sandbox-app-secret', good.slice(2)),
    ).toBe(false);
  });
});

describe('request signature', () => {
  it('matches a vector computed with sha256sum, whatever the order of the query', () => {
    expect(signatureMatches(seedRequest(), 'sandbox-app-secret')).toBe(true);
    const reordered = { ...seedRequest(), query: [...seedRequest().query].reverse() };
    expect(signatureMatches(reordered, 'sandbox-app-secret')).toBe(true);
  });

  it('sorts keys by code unit and writes them with no separators', () => {
    // printf '%s' 'tok-1a2b1{}1574385824000s' | sha256sum
    const request = {
      accessToken: 'tok-1',
      query: [
        ['b', '1'],
        ['a', '2'],
      ] as [string, string][],
      body: Buffer.from('{}'),
      timestamp: '1574385824000',
      signature: '553d2ea84a90ca0836666968fb19002e61e993f3af8a81a5a9cd274da1a488a5',
    };
    expect(signatureMatches(request, 's')).toBe(true);
  });

  it('hashes a body that is not UTF-8 byte for byte', () => {
    // printf 'tok-1\xff1574385824000s' | sha256sum
    const request = {
      accessToken: 'tok-1',
      query: [],
      body: Buffer.from([0xff]),
      timestamp: '1574385824000',
      signature: '8798f7492deed118f82e7e39e0d74782b8ba977389b3d2b52808f2dfa18981f6',
    };
    expect(signatureMatches(request, 's')).toBe(true);
    expect(signatureMatches({ ...request, body: Buffer.from('\ufffd') }, 's')).toBe(false);
  });

  it('fails when any signed part changes', () => {
    const changes: Partial<ReturnType<typeof seedRequest>>[] = [
      { accessToken: 'tok-2' },
      { query: [['action', 'trigger']] },
      { body: Buffer.from(SEED_BODY.replace('3377', '3378')) },
      { timestamp: '1574385824001' },
      { signature: SEED_SIGNATURE.toUpperCase() },
      { signature: `${SEED_SIGNATURE}00` },
      { signature: '' },
    ];
    for (const change of changes) {
      expect(signatureMatches({ ...seedRequest(), ...change }, 'sandbox-app-secret')).toBe(false);
    }
    expect(signatureMatches(seedRequest(), 'another-secret')).toBe(false);
  });
});

describe('timestamp window', () => {
  it('takes decimal epoch ms within the window either way', () => {
    expect(timestampWithin('1000', 1000, 10)).toBe(true);
    expect(timestampWithin('990', 1000, 10)).toBe(true);
    expect(timestampWithin('1010', 1000, 10)).toBe(true);
    expect(timestampWithin('989', 1000, 10)).toBe(false);
    expect(timestampWithin('1011', 1000, 10)).toBe(false);
  });

  it('refuses anything that is not plain decimal digits', () => {
    for (const bad of ['', '1e3', '-1000', '1000.0', ' 1000', '0x3e8', '99999999999999999']) {
      expect(timestampWithin(bad, 1000, 10 ** 18)).toBe(false);
    }
  });
});
