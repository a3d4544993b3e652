/**
 * The rows of the instance-ID checks (instance-id.ts), one each, from the success trigger's
 * record: skipped, saying why, when there is no success answer to read (with the refusal's
 * advice as the hint), or when the server is a stateless mock.
 */
import { adviceFor } from '../contract/advice.js';
import { answeredEntry, type ContractView } from '../contract/view.js';
import { isoMinute } from '../plan/trigger-times.js';
import type { CheckOutcome } from '../results/model.js';
import { checkContext, evaluate } from './evaluate.js';
import type { TriggerRecord } from './exchange.js';
import { instanceIdFlow, instanceIdMinute, minuteEvidence } from './instance-id.js';

const STATELESS_SKIP =
  'a stateless mock answers its example, not the flow it was sent (--stateless)';

export function instanceIdChecks(
  view: ContractView,
  record: TriggerRecord | undefined,
  stateless: boolean,
): CheckOutcome[] {
  const row = (check: typeof instanceIdFlow, evidence: CheckOutcome['evidence']) => ({
    id: check.id,
    section: 'semantic' as const,
    title: check.title,
    evidence,
  });
  const rows = [
    { check: instanceIdFlow, base: row(instanceIdFlow, 'documented') },
    { check: instanceIdMinute, base: row(instanceIdMinute, minuteEvidence(view)) },
  ];
  const skip = (reason: string, hint?: string): CheckOutcome[] =>
    rows.map(({ base }) => ({
      ...base,
      violations: [],
      skipped: reason,
      ...(hint ? { hint } : {}),
    }));
  if (stateless) return skip(STATELESS_SKIP);
  const body = record?.answer.json as Record<string, unknown> | undefined;
  const success = view.trigger.successValue[view.trigger.codeField];
  if (!record || body === undefined || body[view.trigger.codeField] !== success) {
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
  const exchange = { lane: 'success-trigger' as const, record, flowInstanceId: id };
  const passReasons = [`"${id}"`, `${isoMinute(record.triggerTime)} gave "${id}"`];
  return rows.map(({ check, base }, i) => ({
    ...base,
    violations: evaluate(exchange, 'instance-id', checkContext(view), [check]).violations,
    passReason: passReasons[i] as string,
  }));
}
