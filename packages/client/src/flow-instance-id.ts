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

const FLOW_INSTANCE_ID = /^([1-9]\d*)-(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/;

/**
 * Split a flowInstanceId into its flowId and instant. Gives `undefined` when `id` is not of
 * the form `<flowId>-yyyyMMddHHmmss` with a real UTC date and time.
 */
export function parseFlowInstanceId(id: string): FlowInstanceIdParts | undefined {
  const match = FLOW_INSTANCE_ID.exec(id);
  if (!match) return undefined;
  const [, flowId, year, month, day, hour, minute, second] = match;
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}.000Z`;
  const instant = new Date(iso);
  // An impossible date (month 13, 30 February) either fails to parse or reads back changed.
  if (Number.isNaN(instant.getTime()) || instant.toISOString() !== iso) return undefined;
  return { flowId: Number(flowId), instant };
}
