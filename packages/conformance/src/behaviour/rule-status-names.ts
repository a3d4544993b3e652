/**
 * Every status the lane reads comes with its documented name: `status` is a code of the
 * contract's FlowInstanceStatus, and `statusDesc` that code's name (List Flow Instances documents
 * the codes and their names).
 */
import type { Violation } from '../results/model.js';
import { type BehaviourRule, documented, skip } from './rule.js';

export const statusNames: BehaviourRule = {
  id: 'behaviour:status-names',
  title: 'Statuses · every status code comes with its documented name (statusDesc)',
  evidence: 'documented',
  basis:
    'List Flow Instances documents each status code and its name; statusDesc is "the name of status".',
  judge(record, { contract }) {
    const { statuses } = contract;
    if (record.namedStatuses.length === 0) return skip('the lane read no status');
    const violations: Violation[] = [];
    for (const { status, statusDesc, where } of record.namedStatuses) {
      const name = Number.isInteger(status) ? statuses.nameOf(status as number) : undefined;
      if (name === undefined) {
        violations.push(
          documented(
            `${where}: status ${JSON.stringify(status)} is no status code the contract lists`,
          ),
        );
      } else if (statusDesc !== name) {
        violations.push(
          documented(
            `${where}: status ${status} came with statusDesc ${JSON.stringify(statusDesc)}, where the contract names ${status} ${name}`,
          ),
        );
      }
    }
    if (violations.length > 0) return { violations };
    const seen = record.namedStatuses.map((p) => `${p.status} ${p.statusDesc}`);
    return { violations: [], passReason: `seen: ${seen.join(', ')}` };
  },
};
