import type { Database, Kysely, NewDeviceUserBuffer } from '@platform/db';

// Rows the device-poller would have written, for the integration tests.

export async function insertStaff(db: Kysely<Database>, fullName: string, cardNumber: string | null = null): Promise<number> {
  const row = await db
    .insertInto('attendance.staff')
    .values({ full_name: fullName, card_number: cardNumber })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertBufferUser(
  db: Kysely<Database>,
  row: Pick<NewDeviceUserBuffer, 'device_id' | 'device_user_id'> & Partial<NewDeviceUserBuffer>,
): Promise<number> {
  const inserted = await db
    .insertInto('attendance.device_user_buffer')
    .values({ uid: Number(row.device_user_id) % 65_535 || 1, ...row })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertMapping(db: Kysely<Database>, deviceId: number, deviceUserId: string, personId: number): Promise<void> {
  await db
    .insertInto('attendance.user_machine_mapping')
    .values({ device_id: deviceId, machine_user_id: deviceUserId, person_id: personId, created_by: 'seed' })
    .execute();
}

export async function insertConflict(
  db: Kysely<Database>,
  row: { deviceId: number; deviceUserId: string; deviceData: Record<string, unknown>; databaseData?: Record<string, unknown> },
): Promise<number> {
  const inserted = await db
    .insertInto('attendance.user_conflicts')
    .values({
      device_id: row.deviceId,
      device_user_id: row.deviceUserId,
      conflict_type: 'attribute_mismatch',
      device_data: row.deviceData,
      database_data: row.databaseData ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}
