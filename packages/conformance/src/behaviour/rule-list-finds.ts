/**
 * Rule 4: List finds what Trigger created. The lane lists by A's instance ID (the documented
 * fuzzy match on instance ID or flow name) and looks for A on the page.
 */
import { named } from './record.js';
import { type BehaviourRule, documented, skip } from './rule.js';

export const listFinds: BehaviourRule = {
  id: 'behaviour:list-finds',
  title: 'Rule 4 · List finds the instance Trigger created, by its ID',
  evidence: 'documented',
  basis:
    'List Flow Instances: "expression" is a fuzzy match on the instance ID or the workflow name.',
  judge(record) {
    const list = record.list;
    if (list === undefined)
      return skip(`A was not created (${record.triggers.A?.refusal ?? 'not triggered'})`);
    const who = named(record, 'A');
    if (list.http !== 200 || list.code !== 0) {
      return {
        violations: [documented(`List by ${who}'s ID did not answer a page: ${list.said}`)],
      };
    }
    if (!list.listed.includes(list.instanceId)) {
      return {
        violations: [
          documented(
            `List with expression "${list.instanceId}" did not list ${who}: its page held ${list.listed.length} instance(s), count ${JSON.stringify(list.count)}`,
          ),
        ],
        details: list.said,
      };
    }
    return {
      violations: [],
      passReason: `listed ${who} (${list.listed.length} on the page, count ${JSON.stringify(list.count)})`,
    };
  },
};
