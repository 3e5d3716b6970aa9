import { sql } from 'kysely';
import type { Database, DeviceUserBuffer, Kysely, MappingStatus, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

export interface BufferFilter {
  status?: MappingStatus;
  deviceId?: number;
  /** On `discovered_at`: from inclusive, to exclusive. */
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
  /** Keyset: rows with a larger id than this (offset ignored, nothing counted). */
  after?: number;
}

/** The columns the API shows; `password` (the device PIN) is never read. */
const COLUMNS = [
  'id',
  'device_id',
  'device_user_id',
  'uid',
  'name',
  'card_number',
  'privilege',
  'group_id',
  'discovered_at',
  'last_seen_at',
  'mapping_status',
  'mapped_to_person_id',
  'mapped_at',
  'notes',
] as const satisfies readonly (keyof DeviceUserBuffer)[];

export type BufferRow = Pick<DeviceUserBuffer, (typeof COLUMNS)[number]>;

/** Id order; one row more than the page tells whether a next page exists (`nextCursor`). */
export async function listBuffer(db: Db, f: BufferFilter): Promise<{ rows: BufferRow[]; total: number | null; nextCursor: number | null }> {
  let query = db.selectFrom('attendance.device_user_buffer');
  if (f.status) query = query.where('mapping_status', '=', f.status);
  if (f.deviceId !== undefined) query = query.where('device_id', '=', f.deviceId);
  if (f.from) query = query.where('discovered_at', '>=', f.from);
  if (f.to) query = query.where('discovered_at', '<', f.to);
  const keyset = f.after !== undefined;
  const pageQuery = (keyset ? query.where('id', '>', f.after!) : query).select(COLUMNS).orderBy('id').limit(f.limit + 1);
  const [fetched, count] = await Promise.all([
    (keyset ? pageQuery : pageQuery.offset(f.offset)).execute(),
    keyset ? null : query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  const rows = fetched.slice(0, f.limit);
  return { rows, total: count ? Number(count.total) : null, nextCursor: fetched.length > f.limit ? rows.at(-1)!.id : null };
}

/** Locks the row for the mapping transaction, so two admins cannot map it twice. */
export function lockBufferRow(trx: Transaction<Database>, id: number): Promise<BufferRow | undefined> {
  return trx.selectFrom('attendance.device_user_buffer').select(COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function markMapped(trx: Transaction<Database>, id: number, personId: number): Promise<BufferRow> {
  return trx
    .updateTable('attendance.device_user_buffer')
    .set({ mapping_status: 'mapped', mapped_to_person_id: personId, mapped_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

export function findBufferUser(db: Db, deviceId: number, deviceUserId: string): Promise<BufferRow | undefined> {
  return db
    .selectFrom('attendance.device_user_buffer')
    .select(COLUMNS)
    .where('device_id', '=', deviceId)
    .where('device_user_id', '=', deviceUserId)
    .executeTakeFirst();
}

export type BufferStatistics = { total: number } & Record<MappingStatus, number>;

/**
 * Seed 000 `getStatistics`: buffered device users per mapping status, one
 * aggregate over the buffer (all devices, or one). Every status is present, 0 when empty.
 */
export async function bufferStatistics(db: Db, deviceId?: number): Promise<BufferStatistics> {
  let query = db.selectFrom('attendance.device_user_buffer').select(['mapping_status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('mapping_status');
  if (deviceId !== undefined) query = query.where('device_id', '=', deviceId);
  const stats: BufferStatistics = { total: 0, unmapped: 0, mapped: 0, conflict: 0, ignored: 0 };
  for (const row of await query.execute()) {
    stats[row.mapping_status] = Number(row.n);
    stats.total += Number(row.n);
  }
  return stats;
}
