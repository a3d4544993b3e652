/**
 * What an engine's schema cannot express about the success trigger's answer: that the instance
 * ID belongs to the triggered flow (documented: `<flowId>-<digits>`), and that its digits are
 * the UTC minute of the trigger time (inferred, as the contract's marker on flowInstanceId
 * says).
 */
import type { JsonSchema } from '@enos-trigger/spec';
import { answerBranches } from '../contract/branches.js';
import { expectedInstanceId } from '../contract/instance-id.js';
import { type ContractView, markerEvidence } from '../contract/view.js';
import type { Evidence } from '../results/model.js';
import { laneCheck, NOTHING_FOUND } from './check.js';

/** The schema of data.flowInstanceId in the success answer, which carries the marker. */
function instanceIdSchema(view: ContractView): JsonSchema | undefined {
  const data = (answerBranches(view.trigger).success.properties as Record<string, JsonSchema>)
    ?.data;
  return (data?.properties as Record<string, JsonSchema> | undefined)?.flowInstanceId;
}

/** The evidence of the minute rule: the contract's marker on flowInstanceId. */
export function minuteEvidence(view: ContractView): Evidence {
  return markerEvidence(instanceIdSchema(view));
}

export const instanceIdFlow = laneCheck(['success-trigger'], {
  id: 'semantic:instance-id-flow',
  title: 'flowInstanceId starts with the triggered flowId',
  scope: 'instance-id',
  verify: ({ record, flowInstanceId: id }) =>
    id.startsWith(`${record.flowId}-`)
      ? NOTHING_FOUND
      : {
          violations: [
            {
              evidence: 'documented',
              message: `flow ${record.flowId} was triggered but its instance is "${id}"`,
            },
          ],
        },
});

export const instanceIdMinute = laneCheck(['success-trigger'], {
  id: 'semantic:instance-id-minute',
  title: "flowInstanceId encodes the trigger time's UTC minute",
  scope: 'instance-id',
  verify: ({ record, flowInstanceId: id }, { view }) => {
    const expected = expectedInstanceId(record.flowId, record.triggerTime);
    if (id === expected) return NOTHING_FOUND;
    return {
      violations: [
        {
          evidence: minuteEvidence(view),
          message: `trigger time ${new Date(record.triggerTime).toISOString()} gave "${id}", not "${expected}"`,
        },
      ],
    };
  },
});
