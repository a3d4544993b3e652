/**
 * src/null-properties-kept.ts works around a bug of the installed openapi-fetch types (see
 * upstream/README.md). This check fails `npm run typecheck` on the day a fixed release is
 * installed, so that the workaround goes with the bug.
 */
import type { FetchResponse } from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';

/** What plain openapi-fetch, with no workaround, types as the body `{ data: null }`. */
type PlainBody = NonNullable<
  FetchResponse<
    { responses: { 200: { content: { 'application/json': { data: null } } } } },
    Record<never, never>,
    `${string}/${string}`
  >['data']
>;

type Verdict = 'data' extends keyof PlainBody
  ? 'fixed upstream: remove src/null-properties-kept.ts, see upstream/README.md'
  : 'openapi-fetch still drops null properties';

describe('the null-properties workaround', () => {
  it('is still needed: plain openapi-fetch still drops a property typed null', () => {
    const verdict: Verdict = 'openapi-fetch still drops null properties';
    expectTypeOf(verdict).toBeString();
  });
});
