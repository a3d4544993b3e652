/**
 * The one scrub of the client: every result and failure passes through it before it leaves
 * the client, so that a server that echoes the request (the token in `apim-accesstoken`) or
 * knows the app secret cannot put either into a message, a field, `JSON.stringify(error)`,
 * `util.inspect(error)` or what `unwrap()` throws.
 */

/**
 * The forms of `secret` a server could echo: as it is, in any letter case (the pattern ignores
 * case), URL-encoded, JSON-escaped, and base64 and base64url at each of the three alignments it
 * can have inside a longer encoded text (the characters that depend on the secret's bytes
 * alone; at most two bytes at either end stay unmatched).
 */
function forms(secret: string): string[] {
  const bytes = String.fromCharCode(...new TextEncoder().encode(secret));
  const base64 = [0, 1, 2].map((skip) =>
    btoa('..'.slice(0, skip) + bytes).slice(skip && 4, (((bytes.length + skip) / 3) | 0) * 4),
  );
  return [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    ...base64,
    ...base64.map((text) => text.replace(/\+/g, '-').replace(/\//g, '_')),
  ];
}

/** Replaces, in place, every form of each secret kept in the strings of a value; gives it back. */
export type Scrub = <T>(value: T) => T;

/**
 * `scrub(value)` replaces each form of the app secret and of the tokens kept with `***` in
 * every string property of `value` (a result or a failure) and of what it leads to through
 * `error` and `cause`: a thrown error and its causes, which may quote the answer (undici's
 * parser errors keep its bytes in `data`). `keep` adds a token received.
 */
export function createScrub(secret: string): { scrub: Scrub; keep: (token: string) => void } {
  let tokens: string[] = [];
  const build = () =>
    new RegExp(
      [secret, ...tokens]
        .flatMap(forms)
        .filter(Boolean)
        .map((form) => form.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&'))
        .join('|'),
      'gi',
    );
  let pattern = build();
  const keep = (token: string) => {
    // The last 4 tokens: older ones expired long ago, and the pattern stays small however long
    // the client lives.
    tokens = [...tokens.slice(-3), token];
    pattern = build();
  };
  const scrub: Scrub = (value) => {
    try {
      for (
        let each = value as Record<string, unknown>, depth = 0;
        each instanceof Object && depth++ < 9;
        each = (each.error ?? each.cause) as Record<string, unknown>
      ) {
        for (const key of Object.getOwnPropertyNames(each)) {
          const text = each[key];
          if (typeof text === 'string') each[key] = text.replace(pattern, '***');
        }
      }
    } catch {
      // A frozen error keeps its strings: none of the client's own objects is frozen.
    }
    return value;
  };
  return { scrub, keep };
}
