import { describe, expect, test } from 'vitest';
import { assertTimeZone, wallClockAt, zonedWallClockToDate } from './time-zone.js';

const wc = (s: string) => {
  const [d, t] = s.split(' ') as [string, string];
  const [year, month, day] = d.split('-').map(Number) as [number, number, number];
  const [hour, minute, second] = t.split(':').map(Number) as [number, number, number];
  return { year, month, day, hour, minute, second };
};

describe('zonedWallClockToDate', () => {
  test('fixed-offset and standard-time zones', () => {
    expect(zonedWallClockToDate(wc('2026-01-05 09:00:00'), 'Asia/Tashkent').toISOString()).toBe('2026-01-05T04:00:00.000Z');
    expect(zonedWallClockToDate(wc('2026-01-05 09:00:00'), 'Europe/Berlin').toISOString()).toBe('2026-01-05T08:00:00.000Z');
  });

  test('either side of the spring-forward change in Berlin', () => {
    expect(zonedWallClockToDate(wc('2026-03-29 01:59:59'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:59:59.000Z');
    expect(zonedWallClockToDate(wc('2026-03-29 03:00:00'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    // 02:30 does not exist; like Date, move it forward by the gap.
    expect(zonedWallClockToDate(wc('2026-03-29 02:30:00'), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  test('the repeated hour at fall-back resolves to its first occurrence', () => {
    expect(zonedWallClockToDate(wc('2026-11-01 01:30:00'), 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedWallClockToDate(wc('2026-11-01 02:30:00'), 'America/New_York').toISOString()).toBe('2026-11-01T07:30:00.000Z');
  });

  test('inverts wallClockAt across a whole DST year, hour by hour', () => {
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000) {
      const d = new Date(ms);
      const back = zonedWallClockToDate(wallClockAt(d, 'America/New_York'), 'America/New_York');
      // Only the second pass through the repeated hour can map elsewhere (1 h earlier).
      expect([0, 3_600_000]).toContain(ms - back.getTime());
      if (ms - back.getTime() !== 0) expect(wallClockAt(d, 'America/New_York').hour).toBe(1);
    }
  });
});

test('assertTimeZone names a bad zone', () => {
  expect(() => assertTimeZone('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  expect(() => assertTimeZone('Asia/Tokyo')).not.toThrow();
});
