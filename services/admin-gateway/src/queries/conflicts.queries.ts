import { sql } from 'kysely';
import type { Database, Kysely, ResolutionStrategy, Transaction, UserConflict } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

export async function listConflicts(
  db: Db,
  f: { resolved: boolean; deviceId?: number; limit: number; offset: number },
): Promise<{ rows: UserConflict[]; total: number }> {
  let query = db.selectFrom('attendance.user_conflicts').where('resolved', '=', f.resolved);
  if (f.deviceId !== undefined) query = query.where('device_id', '=', f.deviceId);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('detected_at').orderBy('id').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function lockConflict(trx: Transaction<Database>, id: number): Promise<UserConflict | undefined> {
  return trx.selectFrom('attendance.user_conflicts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function markResolved(
  trx: Transaction<Database>,
  id: number,
  resolution: { by: string; strategy: ResolutionStrategy; notes: string | null },
): Promise<UserConflict> {
  return trx
    .updateTable('attendance.user_conflicts')
    .set({
      resolved: true,
      resolved_at: sql<Date>`now()`,
      resolved_by: resolution.by,
      resolution_strategy: resolution.strategy,
      resolution_notes: resolution.notes,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The staff member a device user is mapped to, locked for the update a resolution makes. */
export function lockMappedStaff(trx: Transaction<Database>, deviceId: number, deviceUserId: string) {
  return trx
    .selectFrom('attendance.user_machine_mapping as m')
    .innerJoin('attendance.staff as s', 's.id', 'm.person_id')
    .select(['s.id', 's.full_name', 's.card_number'])
    .where('m.device_id', '=', deviceId)
    .where('m.machine_user_id', '=', deviceUserId)
    .forUpdate('s')
    .executeTakeFirst();
}

export async function updateStaffAttributes(
  trx: Transaction<Database>,
  staffId: number,
  attrs: { fullName: string; cardNumber: string | null },
): Promise<void> {
  await trx
    .updateTable('attendance.staff')
    .set({ full_name: attrs.fullName, card_number: attrs.cardNumber, updated_at: sql<Date>`now()` })
    .where('id', '=', staffId)
    .execute();
}
