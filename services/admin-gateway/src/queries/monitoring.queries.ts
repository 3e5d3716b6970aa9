import type { Database, Kysely, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

/** Per device: the two latest user-set samples (to tell who vanished) and the health row; newest first. */
export function latestCounts(db: Db) {
  return db
    .selectFrom('platform.devices as d')
    .leftJoin('platform.device_health as h', 'h.device_id', 'd.id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('attendance.device_user_count_history as c')
          .select(['c.id as sample_id', 'c.user_count', 'c.user_ids', 'c.recorded_at'])
          .whereRef('c.device_id', '=', 'd.id')
          .orderBy('c.recorded_at', 'desc')
          .orderBy('c.id', 'desc')
          .limit(2)
          .as('c'),
      (join) => join.onTrue(),
    )
    .select(['d.id', 'd.name', 'd.enabled', 'h.last_contact_at', 'h.breaker_state', 'h.consecutive_failures', 'c.user_count', 'c.user_ids', 'c.recorded_at'])
    .orderBy('d.id')
    .orderBy('c.recorded_at', 'desc')
    // Two samples stamped alike (one transaction's now()) must still come newest first.
    .orderBy('c.sample_id', 'desc')
    .execute();
}

export async function countHistory(
  db: Db,
  f: { deviceId?: number; from?: Date; to?: Date; limit: number; offset: number },
) {
  let query = db.selectFrom('attendance.device_user_count_history');
  if (f.deviceId !== undefined) query = query.where('device_id', '=', f.deviceId);
  if (f.from) query = query.where('recorded_at', '>=', f.from);
  if (f.to) query = query.where('recorded_at', '<', f.to);
  const [rows, count] = await Promise.all([
    query
      .select(['id', 'device_id', 'user_count', 'user_ids', 'recorded_at'])
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}
