/**
 * The realistic mix of the sandbox's throughput figure: what kinds of request it sends, in what
 * proportions, and in what order.
 *
 * 40 % triggers of new instances, 40 % reads of instances made earlier, 20 % same-minute
 * duplicates. An application that triggers then follows its instance (`triggerFlowAndWait`)
 * reads at least once per trigger, so reads are as many as triggers here (a poll loop sends
 * more; a fire-and-forget job none). One request in five is a duplicate: a retry after a lost
 * answer, or a second click within the minute, which the service refuses with its 62102. That
 * is more retries than a healthy tenant sees, on purpose: it keeps the answer the single-request
 * figure measures in the mix, at a weight that still lets the new instances dominate.
 */

export type MixKind = 'trigger' | 'read' | 'duplicate';

/** Whole weights, so that every cycle of the pattern has exactly these proportions. */
export type MixWeights = Readonly<Record<MixKind, number>>;

export const MIX: MixWeights = { trigger: 2, read: 2, duplicate: 1 };

export const MIX_KINDS: readonly MixKind[] = ['trigger', 'read', 'duplicate'];

const LABELS: Record<MixKind, string> = {
  trigger: 'new triggers',
  read: 'reads of existing instances',
  duplicate: 'same-minute duplicates',
};

function total(weights: MixWeights): number {
  return MIX_KINDS.reduce((sum, kind) => sum + weights[kind], 0);
}

/** Each kind's share of the requests, between 0 and 1. */
export function mixShares(weights: MixWeights): Record<MixKind, number> {
  const sum = total(weights);
  return Object.fromEntries(MIX_KINDS.map((kind) => [kind, weights[kind] / sum])) as Record<
    MixKind,
    number
  >;
}

/** "40/40/20 (new triggers / reads of existing instances / same-minute duplicates)". */
export function describeMix(weights: MixWeights): string {
  const shares = mixShares(weights);
  const percents = MIX_KINDS.map((kind) => Math.round(shares[kind] * 100)).join('/');
  return `${percents} (${MIX_KINDS.map((kind) => LABELS[kind]).join(' / ')})`;
}

/**
 * One cycle of the kinds, each kind as often as its weight, spread as evenly as they go (smooth
 * weighted round robin): 2/2/1 gives trigger, read, duplicate, trigger, read. Spread rather than
 * in blocks, so that any stretch of a run, and the requests in flight at any moment, carry the
 * mix, not a burst of one kind.
 */
export function mixPattern(weights: MixWeights): MixKind[] {
  const sum = total(weights);
  if (sum <= 0 || MIX_KINDS.some((kind) => !Number.isInteger(weights[kind]) || weights[kind] < 0)) {
    throw new RangeError(
      `A mix takes whole weights ≥ 0, not all 0; got ${JSON.stringify(weights)}.`,
    );
  }
  const current: Record<MixKind, number> = { trigger: 0, read: 0, duplicate: 0 };
  const pattern: MixKind[] = [];
  for (let step = 0; step < sum; step++) {
    for (const kind of MIX_KINDS) current[kind] += weights[kind];
    const chosen = MIX_KINDS.reduce((best, kind) => (current[kind] > current[best] ? kind : best));
    current[chosen] -= sum;
    pattern.push(chosen);
  }
  return pattern;
}
