/**
 * The contract's inferred form of an instance ID (see the marker on flowInstanceId): the flow
 * ID, a hyphen, the trigger time's UTC minute as `yyyyMMddHHmm`, and `00`. Here, below the
 * plan, because both the advice of a catalog answer and the instance-ID check fill it in.
 */
export function expectedInstanceId(flowId: number, triggerTime: number): string {
  const iso = new Date(triggerTime).toISOString(); // yyyy-MM-ddTHH:mm:ss.sssZ
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}`;
  return `${flowId}-${digits}00`;
}
