import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { AttendanceRecord } from '@platform/zk';
import { cursorOf, selectPunches } from './attendance-cursor.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 5);
const key = (l: AttendanceRecord) => `${l.deviceUserId}|${l.recordTime.getTime()}`;

// Small id and time ranges so duplicates and coincidences actually happen.
const punch = (time: fc.Arbitrary<number>) =>
  fc.record({
    userSn: fc.integer({ min: 1, max: 3 }),
    deviceUserId: fc.constantFrom('1', '2', '3'),
    recordTime: time.map((ms) => new Date(T0 + ms)),
    verifyType: fc.constantFrom(1, 2),
    state: fc.constantFrom(0, 1),
  });
const forward = (n: number) => fc.array(fc.integer({ min: 60_000, max: 6 * HOUR }), { maxLength: n });
const appendLog = (start: number, steps: number[], ids: AttendanceRecord[]) =>
  steps.map((s, i) => ({ ...ids[i % Math.max(1, ids.length)]!, recordTime: new Date((start += s)) }));

/** A device log, then what the device may look like at the next read. */
const scenario = fc
  .tuple(fc.array(punch(fc.integer({ min: 0, max: 30 * HOUR })), { maxLength: 30 }), fc.array(punch(fc.constant(0)), { minLength: 1, maxLength: 5 }), forward(20))
  .map(([prev, ids, steps]) => ({ prev: [...prev].sort((a, b) => a.recordTime.getTime() - b.recordTime.getTime()), ids, steps }))
  .chain(({ prev, ids, steps }) => {
    const end = prev.length ? prev.at(-1)!.recordTime.getTime() : T0;
    return fc.oneof(
      fc.constant({ prev, next: [...prev, ...appendLog(end, steps, ids)], kind: 'append' }),
      fc.nat({ max: prev.length }).map((drop) => ({ prev, next: [...prev.slice(drop), ...appendLog(end, steps, ids)], kind: 'rollover' })),
      // Cleared and refilled, possibly with the clock set back (times anywhere, repeats allowed).
      fc.array(punch(fc.integer({ min: 0, max: 40 * HOUR })), { maxLength: 40 }).map((fresh) => ({ prev, next: fresh, kind: 'cleared' })),
      // Clock moved back mid-append.
      fc.array(punch(fc.integer({ min: 0, max: 40 * HOUR })), { maxLength: 10 }).map((late) => ({ prev, next: [...prev, ...late], kind: 'late' })),
    );
  });

describe('attendance watermark', () => {
  test('no punch on the device is ever skipped unless an earlier complete read stored it', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 3 * HOUR }), ({ prev, next }, overlap) => {
        const stored = new Set(prev.map(key));
        const { offer } = selectPunches(next, cursorOf(prev), overlap);
        const offered = new Set(offer.map(key));
        for (const l of next) expect(stored.has(key(l)) || offered.has(key(l))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('a plain append offers only the new records and the overlap window', () => {
    fc.assert(
      fc.property(scenario.filter((s) => s.kind === 'append' && s.prev.length > 0), ({ prev, next }) => {
        const { offer, reason } = selectPunches(next, cursorOf(prev), HOUR);
        expect(reason).toBe('incremental');
        const since = new Date(cursorOf(prev).maxRecordTime!).getTime() - HOUR;
        expect(offer).toEqual(next.filter((l, i) => i >= prev.length || l.recordTime.getTime() >= since));
      }),
      { numRuns: 200 },
    );
  });

  test('no cursor, a shorter log, a rewritten log and a clock moved back each offer everything', () => {
    const at = (h: number, id = '1') => ({ userSn: 1, deviceUserId: id, recordTime: new Date(T0 + h * HOUR), verifyType: 1, state: 0 });
    const prev = [at(1), at(2), at(10)];
    expect(selectPunches(prev, null, HOUR).reason).toBe('no-cursor');
    expect(selectPunches(prev.slice(0, 2), cursorOf(prev), HOUR)).toEqual({ offer: prev.slice(0, 2), reason: 'log-shrank' });
    expect(selectPunches([at(1), at(2), at(10, '2'), at(11)], cursorOf(prev), HOUR).reason).toBe('log-rewritten');
    expect(selectPunches([...prev, at(3)], cursorOf(prev), HOUR)).toEqual({ offer: [...prev, at(3)], reason: 'clock-moved-back' });
    // Within the overlap (a DST fall-back repeats an hour) is not a clock reset.
    expect(selectPunches([...prev, at(9.5)], cursorOf(prev), HOUR)).toEqual({ offer: [at(10), at(9.5)], reason: 'incremental' });
  });
});
