import type { Database, Kysely, Staff, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

/** Locked: a staff row must not vanish between the existence check and the mapping insert. */
export function lockStaff(trx: Transaction<Database>, id: number): Promise<Staff | undefined> {
  return trx.selectFrom('attendance.staff').selectAll().where('id', '=', id).forShare().executeTakeFirst();
}

export function findMapping(db: Db, deviceId: number, machineUserId: string) {
  return db
    .selectFrom('attendance.user_machine_mapping')
    .selectAll()
    .where('device_id', '=', deviceId)
    .where('machine_user_id', '=', machineUserId)
    .executeTakeFirst();
}
