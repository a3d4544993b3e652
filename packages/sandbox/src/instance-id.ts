/**
 * The ID of a manually triggered instance: the flow ID, a hyphen, and the UTC minute of the
 * trigger time as yyyyMMddHHmm followed by 00 (the contract's inferred rule, which also explains
 * why a flow cannot be triggered twice for one minute).
 */

/**
 * The instance ID, or undefined when the trigger time has no four-digit UTC year and so cannot
 * be written in the contract's 14 digits.
 */
export function flowInstanceId(flowId: number, triggerTime: number): string | undefined {
  const digits = minuteDigits(triggerTime);
  return digits === undefined ? undefined : `${flowId}-${digits}`;
}

/** The last minute written, and its 14 digits: most triggers are for the current minute. */
let lastMinute = Number.NaN;
let lastDigits: string | undefined;

function minuteDigits(triggerTime: number): string | undefined {
  const minute = Math.floor(triggerTime / 60_000);
  if (minute === lastMinute) return lastDigits;
  const date = new Date(triggerTime);
  const year = date.getUTCFullYear();
  const digits =
    year >= 0 && year <= 9999
      ? `${pad(year, 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}00`
      : undefined;
  lastMinute = minute;
  lastDigits = digits;
  return digits;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * The workflow an instance ID names before its hyphen, or undefined. Only a lookup decides
 * whether the instance exists: an ID of another form is simply found nowhere.
 */
export function flowIdOf(flowInstanceId: string): number | undefined {
  const hyphen = flowInstanceId.indexOf('-');
  const flowId = hyphen > 0 ? Number(flowInstanceId.slice(0, hyphen)) : Number.NaN;
  return Number.isSafeInteger(flowId) ? flowId : undefined;
}
