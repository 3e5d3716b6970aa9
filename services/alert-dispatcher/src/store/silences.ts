import { sql } from 'kysely';
import type { AlertSilence, Database, Kysely, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * The silence muting `source`/`type` at `at`, if any: started, not yet ended
 * and not expired early. NULL `source`/`type` on a silence match anything.
 */
export async function activeSilence(db: Db, source: string, type: string, at: Date): Promise<AlertSilence | undefined> {
  return db
    .selectFrom('platform.alert_silences')
    .selectAll()
    .where((eb) => eb.or([eb('source', 'is', null), eb('source', '=', source)]))
    .where((eb) => eb.or([eb('type', 'is', null), eb('type', '=', type)]))
    .where('starts_at', '<=', at)
    .where('ends_at', '>', at)
    .where((eb) => eb.or([eb('expired_at', 'is', null), eb('expired_at', '>', at)]))
    .orderBy('ends_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface NewSilence {
  source?: string | null;
  type?: string | null;
  reason: string;
  createdBy: string;
  durationSeconds: number;
}

/** Mutes a source and/or type from `now` for `durationSeconds` (admin-gateway runs the same SQL). */
export async function createSilence(db: Db, silence: NewSilence, now: Date): Promise<AlertSilence> {
  return db
    .insertInto('platform.alert_silences')
    .values({
      source: silence.source ?? null,
      type: silence.type ?? null,
      reason: silence.reason,
      created_by: silence.createdBy,
      starts_at: now,
      ends_at: sql<Date>`${now}::timestamptz + make_interval(secs => ${silence.durationSeconds})`,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Ends a silence early; false when it was already expired or over. */
export async function expireSilence(db: Db, id: string, by: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('platform.alert_silences')
    .set({ expired_at: now, expired_by: by })
    .where('id', '=', id)
    .where('expired_at', 'is', null)
    .where('ends_at', '>', now)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Marks an alert handled; the next alert with its dedupe key opens a new row and notifies. */
export async function acknowledgeAlert(db: Db, id: string, by: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('platform.sync_alerts')
    .set({ acknowledged: true, acknowledged_at: now, acknowledged_by: by })
    .where('id', '=', id)
    .where('acknowledged', '=', false)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
