/**
 * Rule 3: Get returns what Trigger created: the instance ID Trigger Flow answered, the flow, and
 * the trigger minute. Judged on the first Get of each instance the lane made. The trigger time
 * is written in the server's time zone, which the contract leaves to the server (inferred): it
 * must be the trigger's minute in some time zone, and the report says which.
 */
import { isoMinute } from '../plan/trigger-times.js';
import type { Violation } from '../results/model.js';
import { LABELS, named, type Sample } from './record.js';
import { type BehaviourRule, documented, skip } from './rule.js';
import { zoneName, zoneOffset } from './timeline.js';

export const getMatchesTrigger: BehaviourRule = {
  id: 'behaviour:get-matches-trigger',
  title:
    'Rule 3 · Get returns what Trigger created: its instance ID, its flow and its trigger minute',
  evidence: 'documented',
  basis:
    'Get Flow Instance takes the ID "as Trigger Flow returned it" and answers the instance with its instanceId, flowId and triggerTime (yyyy-MM-dd HH:mm:ss, in the server\'s time zone: inferred).',
  judge(record) {
    const made = LABELS.filter((label) => record.triggers[label]?.instanceId !== undefined);
    if (made.length === 0)
      return skip(
        `no instance was created (${record.triggers.A?.refusal ?? 'A was not triggered'})`,
      );
    const violations: Violation[] = [];
    const zones = new Set<number>();
    for (const label of made) {
      const trigger = record.triggers[label];
      const first = record.samples.find((s) => s.label === label);
      if (trigger?.instanceId === undefined) continue;
      const who = named(record, label);
      if (first === undefined) continue;
      if (first.id === undefined && first.error !== undefined) {
        violations.push(
          documented(
            `Get of ${who}, which the lane's user owns, did not answer it: ${first.error}`,
          ),
        );
        continue;
      }
      violations.push(...mismatches(first, who, trigger.instanceId, record.flowId));
      const zone = zoneOffset(first.triggerTime, trigger.triggerTime);
      if (zone === undefined) {
        violations.push(
          documented(
            `Get of ${who} answered triggerTime ${JSON.stringify(first.triggerTime)}, which is not the trigger's minute (${isoMinute(trigger.triggerTime)}) in any time zone`,
          ),
        );
      } else zones.add(zone);
    }
    if (violations.length > 0) return { violations };
    const zone = [...zones].map(zoneName).join(' and ');
    return {
      violations: [],
      passReason: `${made.join(', ')}: each Get answered its ID, flow ${record.flowId} and trigger minute (server times in ${zone})`,
    };
  },
};

function mismatches(sample: Sample, who: string, instanceId: string, flowId: number): Violation[] {
  const found: Violation[] = [];
  if (sample.id !== instanceId) {
    found.push(
      documented(
        `Get of ${who} answered instanceId ${JSON.stringify(sample.id)}, not ${instanceId} as Trigger Flow created it`,
      ),
    );
  }
  if (sample.flowId !== flowId) {
    found.push(
      documented(
        `Get of ${who} answered flowId ${JSON.stringify(sample.flowId)}, not ${flowId}, the flow triggered`,
      ),
    );
  }
  return found;
}
