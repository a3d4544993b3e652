/**
 * Every wait of the lane, with its bound and how long it took. A wait that reached its bound is
 * a timing the lane expected and the server did not keep: how long a flow runs is not in the
 * contract, so it warns (fails under --strict), and says which --behaviour-timeout to raise.
 * What the lane saw until then is judged by the rules it concerns.
 */
import type { Violation } from '../results/model.js';
import { seconds, waitText } from './record.js';
import { type BehaviourRule, inferred, skip } from './rule.js';

export const waitsBounded: BehaviourRule = {
  id: 'behaviour:waits',
  title: 'Waits · each wait of the lane ends within --behaviour-timeout',
  evidence: 'inferred',
  basis:
    "How long a flow runs, or takes to start, is not in the contract: the bound is the lane's expectation, which --behaviour-timeout sets.",
  judge(record, { limits, clock }) {
    if (record.waits.length === 0) return skip('the lane waited for nothing');
    const time =
      clock === 'sandbox' ? 'sandbox time (its clock moved, nothing slept)' : 'real time';
    const violations: Violation[] = record.waits
      .filter((w) => !w.reached && w.skipped === undefined)
      .map((w) =>
        inferred(
          `"${w.name}" did not happen within ${seconds(w.boundMs)} (--behaviour-timeout): for a flow that takes longer, give a longer --behaviour-timeout`,
        ),
      );
    const text = `${record.waits.map(waitText).join('; ')}; polling every ${seconds(limits.intervalMs)}, in ${time}`;
    return violations.length > 0
      ? { violations, details: text }
      : { violations: [], passReason: text };
  },
};
