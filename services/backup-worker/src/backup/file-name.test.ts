import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backupPath, fromIsoBasic, parseBackupFileName, toIsoBasic } from './file-name.js';

describe('backup file names', () => {
  test('carry the ISO 8601 basic UTC timestamp, device and trigger, and parse back', () => {
    const createdAt = new Date('2026-11-22T10:15:30.123Z');
    const path = backupPath({ deviceId: 7, createdAt, trigger: 'pre-write', commandKey: 'c0ffee-1' });
    expect(path).toBe('device-7/device-7_20261122T101530.123Z_pre-write.c0ffee-1.jsonl');
    expect(parseBackupFileName(path.split('/')[1]!)).toEqual({ deviceId: 7, createdAt, trigger: 'pre-write', commandKey: 'c0ffee-1' });
  });

  test('sort lexically in time order', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), fc.date({ min: new Date('2000-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }), (a, b) => {
        expect(Math.sign(toIsoBasic(a).localeCompare(toIsoBasic(b)))).toBe(Math.sign(a.getTime() - b.getTime()));
        expect(fromIsoBasic(toIsoBasic(a))).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  test('ignore names we did not write and impossible dates', () => {
    for (const name of ['.device-7_20261122T101530.123Z_manual.jsonl.ab12.tmp', 'notes.txt', 'device-7_20261340T101530.123Z_manual.jsonl', 'device-7_2026-11-22T10:15:30.123Z_manual.jsonl', 'device-7_20261122T101530.123Z_other.jsonl']) {
      expect(parseBackupFileName(name), name).toBeNull();
    }
  });
});
