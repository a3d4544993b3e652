/**
 * Rule 5: cancelling a waiting instance ends it CANCEL, and it never runs. The lane cancels D
 * while it waits behind A, then reads D on every tick to the end of the queue. A refused cancel
 * of a waiting instance breaks the documented operation; what a cancel does to the instance is
 * the contract's inference (Cancel Flow Instance: "Inferred: a waiting instance (INIT or WAIT)
 * ends CANCEL and never runs"), so it warns unless --strict.
 */
import type { Violation } from '../results/model.js';
import { named, samplesOf, seconds } from './record.js';
import { type BehaviourRule, documented, inferred, skip } from './rule.js';
import { everRan, statusText, timelineText } from './timeline.js';

export const cancelWaiting: BehaviourRule = {
  id: 'behaviour:cancel-waiting',
  title: 'Rule 5 · cancelling a waiting instance ends it CANCEL, and it never runs (inferred)',
  evidence: 'inferred',
  basis:
    'Cancel Flow Instance cancels an instance that has not finished; "Inferred: a waiting instance (INIT or WAIT) ends CANCEL and never runs."',
  judge(record, { contract }) {
    const { statuses } = contract;
    const trigger = record.triggers.D;
    if (trigger?.instanceId === undefined)
      return skip(`D was not created (${trigger?.refusal ?? 'not triggered'})`);
    const who = named(record, 'D');
    const cancel = record.cancels.find((c) => c.purpose === 'rule');
    if (cancel === undefined) {
      const last = samplesOf(record, 'D').at(-1);
      return skip(
        `${who} was ${statusText(last?.status, statuses)} when the lane was to cancel it, not waiting: nothing to judge`,
      );
    }
    if (cancel.http !== 200 || cancel.code !== 0) {
      return {
        violations: [
          documented(`cancelling ${who}, which was waiting, was refused: ${cancel.said}`),
        ],
      };
    }
    const after = samplesOf(record, 'D').filter((s) => s.tick > cancel.tick);
    const last = after.at(-1);
    if (last === undefined) return skip(`${who} was not read after its cancel`);
    const violations: Violation[] = [];
    if (everRan(after, statuses)) {
      const ran = after.find((s) => s.status === statuses.code.running) ?? last;
      violations.push(
        inferred(
          `${who} ran after its cancel was accepted (${statusText(ran.status, statuses)} at ${seconds(ran.at)} into the lane): a cancelled instance never runs`,
        ),
      );
    }
    if (last.status !== statuses.code.cancelled) {
      violations.push(
        inferred(
          `${who} was ${statusText(last.status, statuses)}, not CANCEL, ${seconds(last.at - cancel.at)} after its cancel was accepted`,
        ),
      );
    }
    const details = timelineText(record, statuses, ['A', 'D']);
    if (violations.length > 0) return { violations, details };
    return {
      violations: [],
      passReason: `${who} was CANCEL after its cancel and never ran in the ${seconds(last.at - cancel.at)} the lane followed it`,
    };
  },
};
