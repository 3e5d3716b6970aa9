import { sql } from 'kysely';
import type { Database, Kysely, NewStaff, Staff, StaffUpdate, Transaction } from '@platform/db';
import type { StaffValues } from '../staff/staff-import.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface StaffFilter {
  /** Case-insensitive substring of the name, employee code or card. */
  q?: string;
  active?: boolean;
  /** Keyset: the last id of the previous page (ordered by id). */
  after?: number;
  limit: number;
}

/** One page of staff ordered by id; a keyset page costs the same at any depth. */
export function listStaff(db: Db, f: StaffFilter): Promise<Staff[]> {
  let query = db.selectFrom('attendance.staff').selectAll();
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('full_name', 'ilike', like), eb('employee_code', 'ilike', like), eb('card_number', 'ilike', like)]));
  }
  if (f.active !== undefined) query = query.where('active', '=', f.active);
  if (f.after !== undefined) query = query.where('id', '>', f.after);
  return query.orderBy('id').limit(f.limit).execute();
}

export function lockStaffForUpdate(trx: Transaction<Database>, id: number) {
  return trx.selectFrom('attendance.staff').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function insertStaff(db: Db, row: NewStaff) {
  return db.insertInto('attendance.staff').values(row).returningAll().executeTakeFirstOrThrow();
}

export function updateStaff(db: Db, id: number, changes: StaffUpdate) {
  return db.updateTable('attendance.staff').set({ ...changes, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Existing staff by employee code; `lock` in the real run so the plan cannot go stale before it is applied. */
export async function staffByCodes(db: Db, codes: readonly string[], lock: boolean): Promise<Map<string, Staff>> {
  if (codes.length === 0) return new Map();
  let query = db.selectFrom('attendance.staff').selectAll().where('employee_code', 'in', [...codes]);
  if (lock) query = query.forUpdate();
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.employee_code!, r]));
}

/** All new rows in one multi-row INSERT. */
export async function insertStaffRows(db: Db, rows: readonly StaffValues[]): Promise<Staff[]> {
  if (rows.length === 0) return [];
  return db.insertInto('attendance.staff').values([...rows]).returningAll().execute();
}

/** All changed rows in one UPDATE ... FROM unnest(...), not a round trip per row. */
export async function updateStaffRows(db: Db, rows: readonly (StaffValues & { id: number })[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    UPDATE attendance.staff AS s
    SET full_name = v.full_name, card_number = v.card_number, active = v.active, updated_at = now()
    FROM unnest(${rows.map((r) => r.id)}::int[], ${rows.map((r) => r.full_name)}::text[], ${rows.map((r) => r.card_number)}::text[], ${rows.map((r) => r.active)}::bool[])
      AS v(id, full_name, card_number, active)
    WHERE s.id = v.id`.execute(db);
}
