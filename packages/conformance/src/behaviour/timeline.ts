/**
 * Reading the record over time, for the rules: which instances a tick saw RUNNING, when each
 * first ran, the server's `yyyy-MM-dd HH:mm:ss` times, and the time zone they are written in.
 */
import { MINUTE_MS } from '../plan/trigger-times.js';
import { type Label, type LaneRecord, type Sample, samplesOf } from './record.js';
import type { LaneStatuses } from './statuses.js';

/** The samples of each tick, by label. */
export function byTick(record: LaneRecord): Map<number, Map<Label, Sample>> {
  const ticks = new Map<number, Map<Label, Sample>>();
  for (const sample of record.samples) {
    if (sample.status === undefined) continue;
    const tick = ticks.get(sample.tick) ?? new Map<Label, Sample>();
    tick.set(sample.label, sample);
    ticks.set(sample.tick, tick);
  }
  return ticks;
}

/** Has the instance run, as far as this sample shows: RUNNING, or ended with a start time. */
export function started(sample: Sample, statuses: LaneStatuses): boolean {
  if (sample.status === statuses.code.running) return true;
  return (
    sample.status !== undefined && statuses.terminal(sample.status) && hasTime(sample.startTime)
  );
}

/** Did any sample show the instance running, or with a start time? */
export function everRan(samples: Sample[], statuses: LaneStatuses): boolean {
  return samples.some((s) => s.status === statuses.code.running || hasTime(s.startTime));
}

/** The first sample that shows the label run, or undefined. */
export function firstStart(
  record: LaneRecord,
  label: Label,
  statuses: LaneStatuses,
): Sample | undefined {
  return samplesOf(record, label).find((s) => started(s, statuses));
}

export function hasTime(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

const SERVER_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A server time (`yyyy-MM-dd HH:mm:ss`) read as if it were UTC, in ms; undefined if not one. */
export function serverTimeAsUtc(value: unknown): number | undefined {
  const match = typeof value === 'string' ? SERVER_TIME.exec(value) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const ms = Date.UTC(
    y as number,
    (mo as number) - 1,
    d as number,
    h as number,
    mi as number,
    s as number,
  );
  return Number.isNaN(ms) ? undefined : ms;
}

/** Time zones are whole quarter hours from UTC, at most 14 hours either way. */
const ZONE_STEP_MINUTES = 15;
const MAX_ZONE_MINUTES = 14 * 60;

/**
 * The time zone (minutes east of UTC) in which `text` is the minute of `triggerTime`, or
 * undefined if it is that minute in no time zone. The contract leaves the zone to the server
 * (inferred): any whole quarter hour up to 14 hours either way is one.
 */
export function zoneOffset(text: unknown, triggerTime: number): number | undefined {
  const read = serverTimeAsUtc(text);
  if (read === undefined) return undefined;
  const minutes = Math.floor(read / MINUTE_MS) - Math.floor(triggerTime / MINUTE_MS);
  return minutes % ZONE_STEP_MINUTES === 0 && Math.abs(minutes) <= MAX_ZONE_MINUTES
    ? minutes
    : undefined;
}

/** `UTC`, `UTC+08:00`, `UTC-05:30`. */
export function zoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/** A time as the server writes it in a zone: `yyyy-MM-dd HH:mm:ss`. */
export function serverText(ms: number, offsetMinutes: number): string {
  return new Date(ms + offsetMinutes * MINUTE_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The zone the server writes times in, read from the first Get of A that names its minute. */
export function serverZone(record: LaneRecord): number | undefined {
  const trigger = record.triggers.A;
  if (trigger?.instanceId === undefined) return undefined;
  for (const sample of samplesOf(record, 'A')) {
    const offset = zoneOffset(sample.triggerTime, trigger.triggerTime);
    if (offset !== undefined) return offset;
  }
  return undefined;
}

/** The name of a status for a sentence: `WAIT (5)`, or the code alone if the contract lacks it. */
export function statusText(status: number | undefined, statuses: LaneStatuses): string {
  if (status === undefined) return 'unknown';
  const name = statuses.nameOf(status);
  return name === undefined ? String(status) : name;
}

/** Each label's statuses over time, compressed: `A: RUNNING@0.0s SUCCESS@30.0s`. */
export function timelineText(
  record: LaneRecord,
  statuses: LaneStatuses,
  labels: readonly Label[],
): string {
  return labels
    .filter((label) => record.triggers[label]?.instanceId !== undefined)
    .map((label) => {
      const steps: string[] = [];
      let last: number | undefined;
      for (const sample of samplesOf(record, label)) {
        if (sample.status === last) continue;
        last = sample.status;
        steps.push(`${statusText(sample.status, statuses)}@${(sample.at / 1000).toFixed(1)}s`);
      }
      return `${label}: ${steps.join(' ') || 'never read'}`;
    })
    .join('; ');
}
