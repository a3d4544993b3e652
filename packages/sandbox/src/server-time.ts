/**
 * The server's time zone, in which the service writes the string times of an instance
 * (`yyyy-MM-dd HH:mm:ss`) and reads the string times a caller may send. EnOS does not document
 * it; the contract marks it inferred. The default is UTC: the digits of an instance ID are the
 * UTC minute of its trigger time (inferred), and in EnOS's documented Get Flow Instance sample
 * the trigger time string has those same digits.
 */

export const DEFAULT_TIME_ZONE = 'UTC';

export interface ServerTimeZone {
  /** As it was given: `UTC`, `GMT+8`, `Asia/Shanghai`. */
  readonly name: string;
  /** `yyyy-MM-dd HH:mm:ss`. */
  dateTime(epochMs: number): string;
  /** `yyyy-MM-dd HH:mm:ss.S`, the fraction as Java writes a Timestamp: `.0`, `.5`, `.123`. */
  timestamp(epochMs: number): string;
  /** `yyyy-MM-dd` of the day before the date of `epochMs`. */
  dayBefore(epochMs: number): string;
  /** Epoch ms of a `yyyy-MM-dd HH:mm:ss` in this zone, or undefined when it is not one. */
  parse(text: string): number | undefined;
}

/** `UTC`, `GMT`, or either with an offset: `GMT+8`, `UTC-05:30`, `GMT+0530`. */
const FIXED_OFFSET = /^(?:UTC|GMT)(?:([+-])([0-9]{1,2})(?::?([0-9]{2}))?)?$/i;
const LOCAL_TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;
const MINUTE = 60_000;
const CACHED_MINUTES = 200_000;

/**
 * The zone named `name`: UTC or GMT with an optional offset of up to 14 hours, or an IANA
 * name such as Asia/Shanghai. RangeError, saying what is accepted, for anything else.
 */
export function serverTimeZone(name: string): ServerTimeZone {
  const offsetAt = offsetFunction(name);
  /** The wall clock of `epochMs` in this zone, as a UTC Date (read it with getUTC*). */
  const wall = (epochMs: number) => new Date(epochMs + offsetAt(epochMs));
  return {
    name,
    dateTime: (epochMs) => dateTimeOf(wall(epochMs)),
    timestamp(epochMs) {
      const fraction = String(((epochMs % 1000) + 1000) % 1000).padStart(3, '0');
      return `${dateTimeOf(wall(epochMs))}.${fraction.replace(/(?<=.)0+$/, '')}`;
    },
    dayBefore(epochMs) {
      const day = wall(epochMs);
      day.setUTCDate(day.getUTCDate() - 1);
      return dateOf(day);
    },
    parse(text) {
      const parts = LOCAL_TIME.exec(text)?.slice(1).map(Number);
      if (!parts) return undefined;
      const [year, month, day, hour, minute, second] = parts as number[];
      const local = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
      const date = new Date(local);
      if (date.getUTCMonth() !== (month as number) - 1 || date.getUTCDate() !== day) {
        return undefined; // 2024-02-30 and the like
      }
      // Twice: the offset of the first guess may differ from the answer's near a DST change.
      const guess = local - offsetAt(local);
      return local - offsetAt(guess);
    },
  };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetFunction(name: string): (epochMs: number) => number {
  const fixed = FIXED_OFFSET.exec(name);
  if (fixed) {
    const [, sign, hours = '0', minutes = '0'] = fixed;
    const offset = (Number(hours) * 60 + Number(minutes)) * MINUTE;
    if (Number(hours) > 14 || Number(minutes) > 59) throw badZone(name);
    return () => (sign === '-' ? -offset : offset);
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    throw badZone(name);
  }
  // Offsets change on whole minutes: one lookup per minute of the instants asked about, kept
  // for as many minutes as a large listing shows.
  const byMinute = new Map<number, number>();
  return (epochMs) => {
    const minute = Math.floor(epochMs / MINUTE);
    let offset = byMinute.get(minute);
    if (offset === undefined) {
      if (byMinute.size >= CACHED_MINUTES) byMinute.clear();
      offset = wallClockOf(format, minute * MINUTE) - minute * MINUTE;
      byMinute.set(minute, offset);
    }
    return offset;
  };
}

/** The wall clock of `epochMs` in the format's zone, as epoch ms of the same UTC wall clock. */
function wallClockOf(format: Intl.DateTimeFormat, epochMs: number): number {
  const parts: Record<string, string> = {};
  for (const { type, value } of format.formatToParts(epochMs)) parts[type] = value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  wall.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
  return wall.getTime();
}

function badZone(name: string): RangeError {
  return new RangeError(
    `timeZone must be UTC, GMT or either with an offset of up to 14 hours (GMT+8, UTC-05:30), or an IANA time zone name (Asia/Shanghai), not ${JSON.stringify(name)}.`,
  );
}

function dateOf(wall: Date): string {
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1, 2)}-${pad(wall.getUTCDate(), 2)}`;
}

function dateTimeOf(wall: Date): string {
  return `${dateOf(wall)} ${pad(wall.getUTCHours(), 2)}:${pad(wall.getUTCMinutes(), 2)}:${pad(wall.getUTCSeconds(), 2)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
