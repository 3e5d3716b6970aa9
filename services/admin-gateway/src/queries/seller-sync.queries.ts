import { sql } from 'kysely';
import type { Database, Kysely, SyncRunStatus, Transaction } from '@platform/db';
import { DEFAULT_SELLER_SYNC_SETTINGS, sellerSyncSettingsSchema, type SellerSyncSettings } from '../schemas/seller-sync.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

// A run row that has not moved for this long is not running: its worker died without closing
// it (killed pod). seller-sync writes progress after every batch of 2 000 sellers, and reading
// 100 000 rows from Sheets takes about a minute, so a live run never goes quiet this long.
export const STALE_RUN_MINUTES = 15;

const RUN_COLUMNS = [
  'id',
  'trigger_source',
  'status',
  'requested_by',
  'progress',
  'summary',
  'verification_result',
  'success_count',
  'failure_count',
  'start_time',
  'end_time',
  'cancel_requested_at',
  'cancel_requested_by',
  'updated_at',
] as const;

export function findSellerSyncRun(db: Db, id: string) {
  return db.selectFrom('sellers.sync_audit_logs').select(RUN_COLUMNS).where('id', '=', id).executeTakeFirst();
}
export type SellerSyncRunRow = NonNullable<Awaited<ReturnType<typeof findSellerSyncRun>>>;

/** The sync running now, if any (newest live `in_progress` row). */
export function findRunningSellerSync(db: Db) {
  return db
    .selectFrom('sellers.sync_audit_logs')
    .select(RUN_COLUMNS)
    .where('status', '=', 'in_progress')
    .where('updated_at', '>', sql<Date>`now() - make_interval(mins => ${STALE_RUN_MINUTES})`)
    .orderBy('start_time', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest finished run, or the newest completed one with `completedOnly`. */
export function lastFinishedSellerSync(db: Db, completedOnly = false) {
  return db
    .selectFrom('sellers.sync_audit_logs')
    .select(RUN_COLUMNS)
    .where('status', 'in', completedOnly ? ['completed'] : ['completed', 'failed', 'cancelled'])
    .orderBy('end_time', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Marks a running sync for cancellation; the worker stops at its next batch boundary. Null when it is not running. */
export function requestSellerSyncCancel(db: Db, id: string, by: string) {
  return db
    .updateTable('sellers.sync_audit_logs')
    .set({ cancel_requested_at: sql`now()`, cancel_requested_by: by, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'in_progress')
    .where('cancel_requested_at', 'is', null)
    .returning(RUN_COLUMNS)
    .executeTakeFirst();
}

/**
 * Completed / (completed + failed) over runs started in the last `hours`; null with no such run.
 * Cancelled runs are an admin's choice, not a failure, and count for neither.
 */
export async function sellerSyncSuccessRate(db: Db, hours: number, now: Date): Promise<number | null> {
  const row = await db
    .selectFrom('sellers.sync_audit_logs')
    .select([sql<number>`count(*) FILTER (WHERE status = 'completed')::int`.as('ok'), sql<number>`count(*) FILTER (WHERE status IN ('completed', 'failed'))::int`.as('finished')])
    .where('start_time', '>=', sql<Date>`${now}::timestamptz - make_interval(hours => ${hours})`)
    .where('start_time', '<=', now)
    .executeTakeFirstOrThrow();
  return row.finished === 0 ? null : row.ok / row.finished;
}

/** Sellers still missing after the newest verification (after its automatic re-sync); 0 before any. */
export async function currentSellerGapCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('sellers.sync_audit_logs')
    .select(sql<number>`coalesce(jsonb_array_length(verification_result->'remainingGaps'), 0)::int`.as('gaps'))
    .where('verification_result', 'is not', null)
    .orderBy('start_time', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.gaps ?? 0;
}

export function recentSellerSyncAlerts(db: Db, limit: number) {
  return db
    .selectFrom('platform.sync_alerts')
    .select(['id', 'severity', 'type', 'message', 'occurrences', 'first_seen_at', 'last_seen_at', 'acknowledged'])
    .where('source', '=', 'seller-sync')
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Finished runs started in the last `days`, oldest first: counts and duration per run. */
export function sellerSyncTrend(db: Db, days: number, now: Date, limit = 500) {
  return db
    .selectFrom('sellers.sync_audit_logs')
    .select(['id', 'status', 'start_time', 'end_time', 'success_count', 'failure_count'])
    .where('status', '<>', 'in_progress')
    .where('start_time', '>=', sql<Date>`${now}::timestamptz - make_interval(days => ${days})`)
    .where('start_time', '<=', now)
    .orderBy('start_time', 'desc')
    .limit(limit)
    .execute()
    .then((rows) => rows.reverse());
}

export interface SellerSyncAuditFilter {
  from?: Date;
  to?: Date;
  status?: SyncRunStatus;
  sellerNumber?: string;
  limit: number;
  offset: number;
}

/** Runs, newest first; `sellerNumber` keeps runs that logged a record or an error for that seller. */
export async function listSellerSyncAudit(db: Db, f: SellerSyncAuditFilter) {
  let query = db.selectFrom('sellers.sync_audit_logs as a');
  if (f.from) query = query.where('a.start_time', '>=', f.from);
  if (f.to) query = query.where('a.start_time', '<', f.to);
  if (f.status) query = query.where('a.status', '=', f.status);
  if (f.sellerNumber !== undefined) {
    const n = f.sellerNumber;
    query = query.where((eb) =>
      eb.or([
        // A run's unchanged sellers are in its one summary row's `seller_numbers`.
        eb.exists(eb.selectFrom('sellers.sync_record_logs as r').select(sql`1`.as('x')).whereRef('r.audit_log_id', '=', 'a.id').where((w) => w.or([w('r.seller_number', '=', n), sql<boolean>`${n} = ANY(r.seller_numbers)`]))),
        eb.exists(eb.selectFrom('sellers.sync_error_logs as e').select(sql`1`.as('x')).whereRef('e.audit_log_id', '=', 'a.id').where('e.seller_number', '=', n)),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query.select(RUN_COLUMNS.map((c) => `a.${c}` as const)).orderBy('a.start_time', 'desc').orderBy('a.id').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** Stored settings over the defaults, with who changed each stored key and when. */
export async function loadSellerSyncSettings(db: Db) {
  const rows = await db.selectFrom('sellers.sync_config').select(['config_key', 'config_value', 'updated_at', 'updated_by']).orderBy('config_key').execute();
  const merged = { ...DEFAULT_SELLER_SYNC_SETTINGS, ...Object.fromEntries(rows.map((r) => [r.config_key, r.config_value])) };
  // A stored value that no longer validates is reported as such rather than served as if in force.
  const parsed = sellerSyncSettingsSchema.safeParse(merged);
  return { settings: merged as SellerSyncSettings, valid: parsed.success, rows };
}

/** Serialises writers so neither validates against a state the other is replacing. */
export async function lockSellerSyncSettings(trx: Transaction<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('sellers.sync_config'))`.execute(trx);
}

export async function writeSellerSyncSettings(trx: Transaction<Database>, values: Partial<SellerSyncSettings>, by: string): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    const json = JSON.stringify(value);
    await trx
      .insertInto('sellers.sync_config')
      .values({ config_key: key, config_value: json as never, updated_by: by })
      .onConflict((oc) => oc.column('config_key').doUpdateSet({ config_value: json as never, updated_by: by, updated_at: sql`now()` }))
      .execute();
  }
}
