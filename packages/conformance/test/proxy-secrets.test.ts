/**
 * What the signing proxy redacts: the app secret always, and only its latest tokens, so that an
 * upstream that refuses every token (each call then gets a new one) cannot grow the redactor
 * without bound. A secret too short to redact is warned about once, never quoted.
 */
import { describe, expect, it } from 'vitest';
import { ProxySecrets, REDACTED_TOKENS } from '../src/proxy/secrets.js';
import { REDACTED } from '../src/results/redact.js';

const SECRET = 'Zq8Kp3Vx7Lm2Rt9Wb4Hc';
const token = (i: number) => `T0ken-number-${String(i).padStart(4, '0')}`;

describe('the proxy redacts', () => {
  it('the app secret, and its latest tokens only, however many it got', () => {
    const warnings: string[] = [];
    const secrets = new ProxySecrets(SECRET, (w) => warnings.push(w));
    for (let i = 0; i < 500; i += 1) secrets.token(token(i));
    const text = (i: number) => `secret ${SECRET} token ${token(i)}`;
    expect(secrets.redact(text(499))).toBe(`secret ${REDACTED} token ${REDACTED}`);
    expect(secrets.redact(text(500 - REDACTED_TOKENS))).toBe(
      `secret ${REDACTED} token ${REDACTED}`,
    );
    // An older one is no longer looked for: the redactor holds a fixed number of secrets.
    expect(secrets.redact(text(500 - REDACTED_TOKENS - 1))).toBe(
      `secret ${REDACTED} token ${token(500 - REDACTED_TOKENS - 1)}`,
    );
    expect(warnings).toEqual([]);
  });

  it('counts a token given again once, dropping no other', () => {
    const secrets = new ProxySecrets(SECRET, () => {});
    secrets.token(token(1));
    secrets.token(token(2));
    secrets.token(token(2));
    expect(secrets.redact(`${token(1)} ${token(2)}`)).toBe(`${REDACTED} ${REDACTED}`);
  });

  it('warns once that a short secret or token cannot be redacted, without quoting it', () => {
    const warnings: string[] = [];
    const secrets = new ProxySecrets('s3cr', (w) => warnings.push(w));
    secrets.token('tk1');
    secrets.token('tk2');
    secrets.token(token(3));
    expect(warnings).toEqual([
      expect.stringMatching(/^The app secret is shorter than 8 characters/),
      expect.stringMatching(/^An access token the token service issued is shorter than 8/),
    ]);
    expect(warnings.join(' ')).not.toMatch(/s3cr|tk1|tk2/);
    expect(secrets.redact(`${token(3)}`)).toBe(REDACTED);
  });
});
