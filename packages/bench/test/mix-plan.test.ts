/** The mix's proportions and order: every cycle carries the stated shares, spread out. */
import { describe, expect, it } from 'vitest';
import { describeMix, MIX, mixPattern, mixShares } from '../src/mix/plan.js';

describe('the mix', () => {
  it('is 40/40/20: new triggers, reads, duplicates', () => {
    expect(mixShares(MIX)).toEqual({ trigger: 0.4, read: 0.4, duplicate: 0.2 });
    expect(describeMix(MIX)).toBe(
      '40/40/20 (new triggers / reads of existing instances / same-minute duplicates)',
    );
  });

  it('spreads each kind over the cycle instead of sending it in a block', () => {
    expect(mixPattern(MIX)).toEqual(['trigger', 'read', 'duplicate', 'trigger', 'read']);
    const pattern = mixPattern({ trigger: 3, read: 1, duplicate: 0 });
    expect(pattern.filter((kind) => kind === 'trigger')).toHaveLength(3);
    expect(pattern).not.toContain('duplicate');
    // The read sits between triggers, not after all of them.
    expect(pattern.indexOf('read')).toBeLessThan(pattern.lastIndexOf('trigger'));
  });

  it.each([
    [{ trigger: 0, read: 0, duplicate: 0 }],
    [{ trigger: 1.5, read: 1, duplicate: 1 }],
    [{ trigger: -1, read: 2, duplicate: 1 }],
  ])('refuses weights %j', (weights) => {
    expect(() => mixPattern(weights)).toThrow(RangeError);
  });
});
