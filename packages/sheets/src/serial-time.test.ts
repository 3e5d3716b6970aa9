import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { instantToSerial, serialToInstant, zoneOffsetMs } from './serial-time.js';

const ZONES = ['Etc/UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'GMT-07:00', 'GMT+05:30'];
// 1900-03-01 .. 2199-12-31, biased to DST switch days by fast-check's own edge bias on integers.
const instant = fc.integer({ min: Date.UTC(1900, 2, 1), max: Date.UTC(2199, 11, 31) }).map((ms) => new Date(ms));

describe('date-time serials', () => {
  test('reference examples: 1900-01-01 12:00 = 2.5, 2024-01-01 12:00 = 45292.5', () => {
    expect(instantToSerial(new Date('1900-01-01T12:00:00Z'), 'Etc/UTC')).toBe(2.5);
    expect(instantToSerial(new Date('2024-01-01T12:00:00Z'), 'Etc/UTC')).toBe(45292.5);
    expect(serialToInstant(45292.5, 'Asia/Tokyo').toISOString()).toBe('2024-01-01T03:00:00.000Z');
    expect(serialToInstant(45292.5, 'GMT-07:00').toISOString()).toBe('2024-01-01T19:00:00.000Z');
  });

  test('an instant round-trips through its serial to the millisecond, in any zone (a repeated DST hour gives the earlier twin)', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (t, zone) => {
        const serial = instantToSerial(t, zone);
        const back = serialToInstant(serial, zone);
        // The wall clock always survives exactly.
        expect(instantToSerial(back, zone)).toBe(serial);
        if (back.getTime() !== t.getTime()) {
          // Only when DST ended and the wall clock occurred twice: the earlier instant is chosen.
          expect(back.getTime()).toBeLessThan(t.getTime());
          expect(zoneOffsetMs(back.getTime(), zone)).toBeGreaterThan(zoneOffsetMs(t.getTime(), zone));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  test('the repeated hour at the end of US DST resolves to the earlier instant', () => {
    // 2024-11-03 01:30 happens at 08:30Z (PDT) and 09:30Z (PST) in Los Angeles.
    const serial = instantToSerial(new Date('2024-11-03T09:30:00Z'), 'America/Los_Angeles');
    expect(serialToInstant(serial, 'America/Los_Angeles').toISOString()).toBe('2024-11-03T08:30:00.000Z');
  });
});
