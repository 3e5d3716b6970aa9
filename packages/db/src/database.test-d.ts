import type { Kysely } from 'kysely';
import { expectTypeOf, test } from 'vitest';
import type { AttendanceLog, Database, DeviceUserBuffer, NewAttendanceLog } from './index.js';

declare const db: Kysely<Database>;

test('append-only tables cannot be updated, even at compile time', () => {
  expectTypeOf(db.updateTable('attendance.device_user_audit_log').set).parameter(0).not.toMatchTypeOf<{ performed_by: string }>();
  // @ts-expect-error every column of an append-only table is insert-only
  void (() => db.updateTable('sellers.sync_record_logs').set({ result: 'failure' }));
});

test('nullable columns read back as null, never undefined', () => {
  expectTypeOf<AttendanceLog['verify_type']>().toEqualTypeOf<number | null>();
  expectTypeOf<DeviceUserBuffer['name']>().toEqualTypeOf<string | null>();
  // Identity ids are generated always: an insert cannot pick one.
  expectTypeOf<NewAttendanceLog>().not.toHaveProperty('id');
});
