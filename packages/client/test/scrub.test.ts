/** The one scrub: every form of the secrets, in every string of a value and its causes. */
import { describe, expect, it } from 'vitest';
import { createScrub } from '../src/scrub.js';

const SECRET = 'a+b.c(d)*[e]$^|?{f}\\g/h';
const TOKEN = '6ba5fee0-f527-4e57-8167-7f33791650b0';
const base64 = (text: string) => Buffer.from(text).toString('base64');
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** One string through the scrub. */
function scrubbed(text: string, ...tokens: string[]): string {
  const { scrub, keep } = createScrub(SECRET);
  for (const token of tokens) keep(token);
  return scrub({ text }).text;
}

describe('createScrub', () => {
  it.each([
    ['as it is', (s: string) => s],
    ['in upper case', (s: string) => s.toUpperCase()],
    ['in lower case', (s: string) => s.toLowerCase()],
    ['URL-encoded', encodeURIComponent],
    ['JSON-escaped', (s: string) => JSON.stringify(s).slice(1, -1)],
    ['in base64', base64],
    ['in base64url', base64url],
    ['in base64, after 1 byte', (s: string) => base64(`x${s}`)],
    ['in base64, after 2 bytes', (s: string) => base64(`xy${s}`)],
    ['in base64url, after 1 byte', (s: string) => base64url(`x${s}`)],
    ['in base64url, after 2 bytes, with more after', (s: string) => base64url(`xy${s}tail`)],
  ])('replaces the secret and a token %s', (_name, encode) => {
    for (const secret of [SECRET, TOKEN]) {
      const text = `before ${encode(secret)} after`;
      const clean = scrubbed(text, TOKEN);
      expect(clean).toContain('***');
      expect(clean).not.toContain(encode(secret));
      expect(clean.startsWith('before ')).toBe(true);
    }
  });

  it('leaves other text alone, and survives an empty token and a secret beyond Latin-1', () => {
    expect(scrubbed('nothing secret here: 3377-20191122012300', '')).toBe(
      'nothing secret here: 3377-20191122012300',
    );
    const { scrub } = createScrub('秘密-🔑');
    const clean = scrub({ text: `x ${base64('秘密-🔑')} 秘密-🔑` }).text;
    // At most the last 2 bytes of the base64 stay: the characters that may mix with what follows.
    expect(clean).toMatch(/^x \*\*\*\S{0,4} \*\*\*$/);
    expect(clean).not.toContain(base64('秘密-🔑'));
  });

  it('keeps the last 4 tokens: older ones have expired', () => {
    const tokens = ['token-one-1', 'token-two-2', 'token-three-3', 'token-four-4', 'token-five-5'];
    const clean = scrubbed(tokens.join(' '), ...tokens);
    expect(clean).toBe('token-one-1 *** *** *** ***');
  });

  it('walks the string properties of a value, its error and their causes, in place', () => {
    const { scrub, keep } = createScrub(SECRET);
    keep(TOKEN);
    const parser = Object.assign(new Error(`bad ${TOKEN}`), { data: `X0 ${TOKEN}`, code: 1 });
    const thrown = new TypeError('fetch failed', { cause: parser });
    const result = { ok: false, error: { message: `m ${SECRET}`, cause: thrown } };
    expect(scrub(result)).toBe(result);
    expect(result.error.message).toBe('m ***');
    expect(parser.message).toBe('bad ***');
    expect(parser.data).toBe('X0 ***');
    expect(parser.stack).not.toContain(TOKEN);
    expect(parser.code).toBe(1);
  });

  it('leaves what it cannot change, without throwing', () => {
    const { scrub } = createScrub(SECRET);
    const frozen = Object.freeze({ message: SECRET });
    expect(scrub({ error: frozen }).error).toBe(frozen);
    expect(scrub(undefined)).toBeUndefined();
    expect(scrub('a string')).toBe('a string');
  });
});
