/**
 * The two hashes of APIM authentication, against vectors computed here with node:crypto,
 * independently of the client's WebCrypto code.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalQuery, requestSignature, sha256Hex, tokenEncryption } from '../src/index.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('is the lowercase hex SHA-256 of the UTF-8 bytes', async () => {
    for (const text of ['', 'abc', 'ünïcødé ✓ 触发', '{"flowId":3377}']) {
      expect(await sha256Hex(text)).toBe(sha256(text));
    }
    // The FIPS 180-2 vector, so that the reference itself is checked too.
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('tokenEncryption', () => {
  it('hashes appKey + timestamp + appSecret, the timestamp as its decimal string', async () => {
    const input = {
      appKey: 'sandbox-app-key',
      appSecret: 'sandbox-app-secret',
      timestamp: 1574385824000,
    };
    expect(await tokenEncryption(input)).toBe(
      sha256('sandbox-app-key1574385824000sandbox-app-secret'),
    );
  });

  it("matches the contract's token request example", async () => {
    // The spec's example encryption was computed for these inputs (sandbox credentials).
    const { findOperation } = await import('@enos-trigger/spec');
    const example = findOperation('getAccessToken').operation.requestBody?.content[
      'application/json'
    ]?.example as { appKey: string; encryption: string; timestamp: number };
    const encryption = await tokenEncryption({
      appKey: example.appKey,
      appSecret: 'sandbox-app-secret',
      timestamp: example.timestamp,
    });
    expect(encryption).toBe(example.encryption);
  });

  it('is a plain hash, not an HMAC', async () => {
    const input = { appKey: 'k', appSecret: 's', timestamp: 1 };
    const hmac = createHash('sha256').update('k1').digest('hex');
    expect(await tokenEncryption(input)).not.toBe(hmac);
    expect(await tokenEncryption(input)).toBe(sha256('k1s'));
  });
});

describe('canonicalQuery', () => {
  it('sorts by key in ASCII order and joins key and value with no separators', () => {
    expect(canonicalQuery({ userId: 'u', orgId: 'o', action: 'trigger' })).toBe(
      'actiontriggerorgIdouserIdu',
    );
  });

  it('orders upper case before lower case and a key before its longer extensions', () => {
    expect(
      canonicalQuery([
        ['b', '1'],
        ['a!', '2'],
        ['a', '3'],
        ['B', '4'],
      ]),
    ).toBe('B4a3a!2b1');
  });

  it('keeps the order of a repeated key and reads URLSearchParams decoded', () => {
    expect(canonicalQuery(new URLSearchParams('x=2&x=1&name=a%20b'))).toBe('namea bx2x1');
  });
});

describe('requestSignature', () => {
  const base = { accessToken: 'token-1', timestamp: 1574385824000, appSecret: 'secret-1' };

  it('hashes token + sorted query + raw body + timestamp + secret', async () => {
    const body = '{"flowId":3377,"triggerTime":1574385824000}';
    const query = { userId: 'sandbox-user', orgId: 'sandbox-org', action: 'trigger' };
    expect(await requestSignature({ ...base, query, body })).toBe(
      sha256(`token-1actiontriggerorgIdsandbox-orguserIdsandbox-user${body}1574385824000secret-1`),
    );
  });

  it('signs the body bytes as given: a reformatted body gets another signature', async () => {
    const compact = await requestSignature({ ...base, query: {}, body: '{"a":1}' });
    const spaced = await requestSignature({ ...base, query: {}, body: '{"a": 1}' });
    expect(compact).not.toBe(spaced);
  });

  it('signs nothing for the body of a request without one', async () => {
    expect(await requestSignature({ ...base, query: { a: '1' } })).toBe(
      sha256('token-1a11574385824000secret-1'),
    );
  });
});
