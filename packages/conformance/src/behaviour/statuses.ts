/**
 * The instance statuses the lane reasons with, read from the contract under test
 * (`flowInstanceStatuses()`): their codes, their names and which are final. The lane names four
 * of them by the words of the rules it checks (a run is RUNNING, a queued instance WAITs, a
 * future one is INIT, a cancelled one is CANCEL); a contract without one of these names is a
 * contract this lane cannot check, said at once.
 */
import { type FlowInstanceStatusInfo, flowInstanceStatuses } from '@enos-trigger/spec';
import { ContractShapeError, type ContractView } from '../contract/view.js';

/** The statuses the rules speak of, by their role, as the contract names them. */
const NAMES = { running: 'RUNNING', waiting: 'WAIT', scheduled: 'INIT', cancelled: 'CANCEL' };
export type StatusRole = keyof typeof NAMES;

export interface LaneStatuses {
  /** The code of each role's status. */
  code: Record<StatusRole, number>;
  /** The contract's name of a code; undefined for a code it does not know. */
  nameOf(code: number): string | undefined;
  /** Is the status final (the contract's `x-enos-terminal-statuses`)? */
  terminal(code: number): boolean;
  /** Queued and not yet run: WAIT or INIT, what cleanup cancels. */
  pending(code: number): boolean;
  /** Every code the contract lists that is not final. */
  unfinished: number[];
}

export function laneStatuses(view: ContractView): LaneStatuses {
  const all = flowInstanceStatuses(view.document);
  const byName = new Map(all.map((s) => [s.name, s]));
  const byCode = new Map<number, FlowInstanceStatusInfo>(all.map((s) => [s.code, s]));
  const code = Object.fromEntries(
    Object.entries(NAMES).map(([role, name]) => {
      const found = byName.get(name);
      if (!found) {
        throw new ContractShapeError(
          `The contract's instance statuses have no ${name}, which the behaviour lane's rules name: this version of @enos-trigger/conformance does not match the installed @enos-trigger/spec.`,
        );
      }
      return [role, found.code];
    }),
  ) as Record<StatusRole, number>;
  return {
    code,
    nameOf: (c) => byCode.get(c)?.name,
    terminal: (c) => byCode.get(c)?.terminal === true,
    pending: (c) => c === code.waiting || c === code.scheduled,
    unfinished: all.filter((s) => !s.terminal).map((s) => s.code),
  };
}
