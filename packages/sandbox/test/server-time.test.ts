import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, serverTimeZone } from '../src/server-time.js';

const SAMPLE = Date.UTC(2019, 7, 8, 9, 32, 12); // EnOS's Get sample: 2809-20190808093200

describe('serverTimeZone', () => {
  it('is UTC by default, so the trigger time of EnOS’s Get sample has its instance ID’s digits', () => {
    const utc = serverTimeZone(DEFAULT_TIME_ZONE);
    expect(utc.dateTime(SAMPLE)).toBe('2019-08-08 09:32:12');
    expect(utc.dateTime(SAMPLE).replace(/\D/g, '').slice(0, 12)).toBe('201908080932');
  });

  it.each([
    ['UTC', '2019-08-08 09:32:12'],
    ['GMT', '2019-08-08 09:32:12'],
    ['GMT+8', '2019-08-08 17:32:12'],
    ['utc-05:30', '2019-08-08 04:02:12'],
    ['GMT+0545', '2019-08-08 15:17:12'],
    ['Asia/Shanghai', '2019-08-08 17:32:12'],
    ['America/New_York', '2019-08-08 05:32:12'],
  ])('writes times in %s', (zone, expected) => {
    expect(serverTimeZone(zone).dateTime(SAMPLE)).toBe(expected);
  });

  it('follows daylight saving time in an IANA zone', () => {
    const berlin = serverTimeZone('Europe/Berlin');
    expect(berlin.dateTime(Date.UTC(2024, 0, 15, 12))).toBe('2024-01-15 13:00:00');
    expect(berlin.dateTime(Date.UTC(2024, 6, 15, 12))).toBe('2024-07-15 14:00:00');
  });

  it('writes the creation timestamp as Java writes a Timestamp', () => {
    const utc = serverTimeZone('UTC');
    expect(utc.timestamp(SAMPLE)).toBe('2019-08-08 09:32:12.0');
    expect(utc.timestamp(SAMPLE + 500)).toBe('2019-08-08 09:32:12.5');
    expect(utc.timestamp(SAMPLE + 120)).toBe('2019-08-08 09:32:12.12');
    expect(utc.timestamp(SAMPLE + 7)).toBe('2019-08-08 09:32:12.007');
  });

  it('gives the business date, the day before the trigger date in the zone', () => {
    expect(serverTimeZone('UTC').dayBefore(SAMPLE)).toBe('2019-08-07');
    const lateUtc = Date.UTC(2024, 0, 1, 20);
    expect(serverTimeZone('UTC').dayBefore(lateUtc)).toBe('2023-12-31');
    expect(serverTimeZone('GMT+8').dayBefore(lateUtc)).toBe('2024-01-01');
    expect(serverTimeZone('UTC').dayBefore(Date.UTC(2024, 2, 1))).toBe('2024-02-29');
  });

  it('reads its own times back, and refuses what is not one', () => {
    for (const zone of ['UTC', 'GMT+8', 'America/New_York']) {
      const tz = serverTimeZone(zone);
      expect(tz.parse(tz.dateTime(SAMPLE)), zone).toBe(SAMPLE);
    }
    const utc = serverTimeZone('UTC');
    expect(utc.parse('2024-02-30 00:00:00')).toBeUndefined();
    expect(utc.parse('2024-01-01T00:00:00')).toBeUndefined();
    expect(utc.parse('yesterday')).toBeUndefined();
  });

  it.each(['Mars/Olympus', 'GMT+15', 'UTC+8:75', ''])(
    'refuses %j, saying what it takes',
    (zone) => {
      expect(() => serverTimeZone(zone)).toThrow(/UTC, GMT or either with an offset .* IANA/);
    },
  );
});
