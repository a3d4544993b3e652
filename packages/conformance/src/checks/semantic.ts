/**
 * What Dredd cannot express about the success answer: that the instance ID belongs to the
 * triggered flow (documented: `<flowId>-<digits>`), and that its digits are the UTC minute of
 * the trigger time (inferred, as the contract's marker on flowInstanceId says).
 */
import type { JsonSchema } from '@enos-trigger/spec';
import { adviceFor } from '../contract/advice.js';
import { answerBranches } from '../contract/branches.js';
import { answeredEntry, type ContractView, markerEvidence } from '../contract/view.js';
import type { TriggerRecord } from '../dredd/protocol.js';
import { expectedInstanceId, isoMinute } from '../plan/trigger-times.js';
import type { CheckOutcome } from '../results/model.js';

const STATELESS_SKIP =
  'a stateless mock answers its example, not the flow it was sent (--stateless)';

/** The schema of data.flowInstanceId in the success answer, which carries the marker. */
function instanceIdSchema(view: ContractView): JsonSchema | undefined {
  const data = (answerBranches(view.trigger).success.properties as Record<string, JsonSchema>)
    ?.data;
  return (data?.properties as Record<string, JsonSchema> | undefined)?.flowInstanceId;
}

export function instanceIdChecks(
  view: ContractView,
  record: TriggerRecord | undefined,
  stateless: boolean,
): CheckOutcome[] {
  const prefix = {
    id: 'semantic:instance-id-flow',
    section: 'semantic' as const,
    title: 'flowInstanceId starts with the triggered flowId',
    evidence: 'documented' as const,
  };
  const minute = {
    id: 'semantic:instance-id-minute',
    section: 'semantic' as const,
    title: "flowInstanceId encodes the trigger time's UTC minute",
    evidence: markerEvidence(instanceIdSchema(view)),
  };
  const skip = (reason: string, hint?: string): CheckOutcome[] => [
    { ...prefix, violations: [], skipped: reason, ...(hint ? { hint } : {}) },
    { ...minute, violations: [], skipped: reason, ...(hint ? { hint } : {}) },
  ];
  if (stateless) return skip(STATELESS_SKIP);
  const body = record?.answer.json as Record<string, unknown> | undefined;
  if (!record || body?.[view.trigger.codeField] !== 0) {
    // The success trigger was refused: the refusal's advice says what it means.
    const refusal = answeredEntry(view.trigger, body);
    const hint =
      record && refusal
        ? adviceFor(refusal, {
            flowId: record.flowId,
            triggerTime: record.triggerTime,
            ...(record.userId === undefined ? {} : { userId: record.userId }),
          })
        : undefined;
    return skip('no success answer to read (see the success transaction)', hint);
  }
  const id = (body.data as Record<string, unknown> | null | undefined)?.flowInstanceId;
  if (typeof id !== 'string') return skip('the success answer has no flowInstanceId');
  const expected = expectedInstanceId(record.flowId, record.triggerTime);
  const flowPart = `${record.flowId}-`;
  return [
    {
      ...prefix,
      violations: id.startsWith(flowPart)
        ? []
        : [
            {
              evidence: 'documented',
              message: `flow ${record.flowId} was triggered but its instance is "${id}"`,
            },
          ],
      passReason: `"${id}"`,
    },
    {
      ...minute,
      violations:
        id === expected
          ? []
          : [
              {
                evidence: minute.evidence,
                message: `trigger time ${new Date(record.triggerTime).toISOString()} gave "${id}", not "${expected}"`,
              },
            ],
      passReason: `${isoMinute(record.triggerTime)} gave "${id}"`,
    },
  ];
}
