/**
 * Rule 1: a trigger time in the past starts the run at once, without waiting for a schedule.
 * A, triggered into an idle flow with a trigger time minutes in the past, must be RUNNING (or
 * already ended) within the wait's bound. Documented on Trigger Flow.
 */
import { isoMinute } from '../plan/trigger-times.js';
import { named, samplesOf, seconds, waitOf } from './record.js';
import { type BehaviourRule, documented, skip } from './rule.js';
import { statusText } from './timeline.js';

export const pastTriggerStarts: BehaviourRule = {
  id: 'behaviour:past-trigger-starts',
  title:
    'Rule 1 · a trigger time in the past starts the run at once, without waiting for a schedule',
  evidence: 'documented',
  basis:
    'Trigger Flow: "If the trigger time is before the current time, the workflow is triggered immediately."',
  judge(record, { contract, limits }) {
    const trigger = record.triggers.A;
    if (trigger?.instanceId === undefined) {
      return skip(`A was not created (${trigger?.refusal ?? 'not triggered'})`);
    }
    const idle = waitOf(record, 'idle');
    if (idle !== undefined && !idle.reached) {
      return skip(
        `flow ${record.flowId} still had an unfinished instance after ${seconds(idle.elapsedMs)}, so A queued behind it: give a flow nothing else runs, or a longer --behaviour-timeout`,
      );
    }
    const wait = waitOf(record, 'A-starts');
    if (wait === undefined) return skip('the lane stopped before A could run');
    const when = `its trigger time ${isoMinute(trigger.triggerTime)} in the past`;
    if (wait.reached) {
      return {
        violations: [],
        passReason: `${named(record, 'A')} ran ${seconds(wait.elapsedMs)} after its trigger, ${when}`,
      };
    }
    const last = samplesOf(record, 'A').at(-1);
    const status = last === undefined ? 'unread' : statusText(last.status, contract.statuses);
    return {
      violations: [
        documented(
          `${named(record, 'A')} was still ${status} ${seconds(wait.elapsedMs)} after its trigger (--behaviour-timeout ${seconds(limits.timeoutMs)}), ${when} and the flow idle: it waited instead of starting at once`,
        ),
      ],
    };
  },
};
