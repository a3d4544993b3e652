/**
 * Rule 6: Get and Cancel refuse another user's instance. Another user of the organization
 * (--foreign-user-id) asks for D, which the lane's user owns, then cancels it; both must be
 * refused with the contract's "not the owner" answer, and D must be as it was. The evidence of
 * each part is the contract's own, per operation: its catalog entry says whether the refusal is
 * documented (Cancel) or inferred (Get).
 */
import type { CatalogExample } from '../contract/view.js';
import type { Violation } from '../results/model.js';
import type { ForeignRead } from './record.js';
import { named, samplesOf } from './record.js';
import { type BehaviourRule, skip } from './rule.js';

export const foreignRefused: BehaviourRule = {
  id: 'behaviour:foreign-refused',
  title: "Rule 6 · Get and Cancel refuse another user's instance",
  evidence: 'documented',
  basis:
    'Cancel Flow Instance: "The user must own the instance." Get Flow Instance refuses another user\'s instance with 62103 as Cancel does (inferred).',
  judge(record, { contract, noForeignUser }) {
    if (noForeignUser !== undefined) return skip(noForeignUser);
    const foreign = record.foreign;
    if (foreign === undefined)
      return skip(
        `D was not created (${record.triggers.D?.refusal ?? 'not triggered'}), so there was no instance to ask about`,
      );
    const who = `${named(record, 'D')} as user ${foreign.userId}`;
    const { get, cancel } = contract.notOwner;
    const violations: Violation[] = [
      ...refusal('Get', who, foreign.get, get),
      ...refusal('Cancel', who, foreign.cancel, cancel),
    ];
    const after = samplesOf(record, 'D').find((s) => s.tick >= foreign.afterTick);
    const { statuses } = contract;
    if (after?.status === statuses.code.cancelled && foreign.cancel.code === 0) {
      violations.push({
        evidence: cancel.parts.when === 'documented' ? 'documented' : 'inferred',
        message: `the other user's cancel took effect: ${named(record, 'D')} is CANCEL`,
      });
    }
    if (violations.length > 0) return { violations };
    return { violations: [], passReason: `both refused with ${get.summary}; D unchanged` };
  },
};

function refusal(what: string, who: string, read: ForeignRead, entry: CatalogExample): Violation[] {
  if (read.http === 200 && read.code === entry.code) return [];
  const evidence = entry.parts.when === 'documented' ? 'documented' : 'inferred';
  const did =
    read.http === 200 && read.code === 0
      ? 'answered it as if it were theirs'
      : 'answered otherwise';
  return [
    {
      evidence,
      message: `${what} of ${who} ${did} (${read.said}), where the contract refuses it with ${entry.summary}`,
    },
  ];
}
