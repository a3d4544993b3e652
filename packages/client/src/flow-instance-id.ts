/**
 * The parts of a flowInstanceId. Documented: it is always `<flowId>-<14 digits>`. Inferred
 * (the contract marks it so): the digits are the UTC minute of the trigger time as
 * `yyyyMMddHHmm`, then `00`.
 */

export interface FlowInstanceIdParts {
  flowId: number;
  /** The UTC minute the digits encode: the trigger time, to the minute (inferred). */
  instant: Date;
}

/** A time as the 14 digits `yyyyMMddHHmmss` of its UTC ISO form. */
const digitsOf = (time: number | Date): string =>
  new Date(time).toISOString().replace(/\D/g, '').slice(0, 14);

/**
 * Split a flowInstanceId into its flowId and instant. Gives `undefined` when `id` is not of
 * the form `<flowId>-yyyyMMddHHmmss` with a real UTC date and time.
 */
export function parseFlowInstanceId(id: string): FlowInstanceIdParts | undefined {
  const [, flowId, digits = ''] = /^([1-9]\d*)-(\d{14})$/.exec(id) ?? [];
  const instant = new Date(`${digits.replace(/(.{4})(..)(..)(..)(..)/, '$1-$2-$3T$4:$5:')}Z`);
  // An impossible date (month 13, 30 February) either fails to parse or reads back changed.
  return flowId && !Number.isNaN(+instant) && digitsOf(instant) === digits
    ? { flowId: +flowId, instant }
    : undefined;
}

/**
 * The ID of the instance a manual trigger at `time` (epoch ms) creates:
 * `<flowId>-<UTC yyyyMMddHHmm>00` (the rule is inferred, as above).
 */
export const flowInstanceIdOf = (flowId: number, time: number): string =>
  `${flowId}-${digitsOf(time).slice(0, 12)}00`;
