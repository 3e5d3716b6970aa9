import { sql } from 'kysely';
import type { AlertSeverity, Database, Kysely, SyncAlert, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

// Same SQL as alert-dispatcher's store (services/alert-dispatcher/src/store/silences.ts),
// written here because a service never imports another service. The dispatcher
// reads `platform.alert_silences` with the rule in `isActive`; keep the two alike.

export interface AlertFilter {
  /** true: not acknowledged; false: acknowledged. */
  open?: boolean;
  source?: string;
  type?: string;
  severity?: AlertSeverity;
  /** On `last_seen_at`: alerts still happening since then, inclusive. */
  since?: Date;
  limit: number;
  offset: number;
  /**
   * Keyset: alerts after this one in list order (offset ignored, nothing counted). The cursor is
   * an id, compared through the row's own `created_at`, so microseconds never round off in JS.
   */
  after?: string;
}

/** Newest first by `created_at` (index `sync_alerts_created_at_idx`); `id` breaks ties so pages never overlap. */
export async function listAlerts(db: Db, f: AlertFilter): Promise<{ rows: SyncAlert[]; total: number | null; nextCursor: string | null }> {
  let query = db.selectFrom('platform.sync_alerts');
  if (f.open !== undefined) query = query.where('acknowledged', '=', !f.open);
  if (f.source !== undefined) query = query.where('source', '=', f.source);
  if (f.type !== undefined) query = query.where('type', '=', f.type);
  if (f.severity !== undefined) query = query.where('severity', '=', f.severity);
  if (f.since) query = query.where('last_seen_at', '>=', f.since);
  const keyset = f.after !== undefined;
  const after = db.selectFrom('platform.sync_alerts as c').select(['c.created_at', 'c.id']).where('c.id', '=', f.after ?? '00000000-0000-0000-0000-000000000000');
  const ordered = (keyset ? query.where(sql<boolean>`(created_at, id) < (${after})`) : query)
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1);
  const [fetched, count] = await Promise.all([
    (keyset ? ordered : ordered.offset(f.offset)).execute(),
    keyset ? null : query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  const rows = fetched.slice(0, f.limit);
  return { rows, total: count ? Number(count.total) : null, nextCursor: fetched.length > f.limit ? rows.at(-1)!.id : null };
}

export function findAlert(db: Db, id: string): Promise<SyncAlert | undefined> {
  return db.selectFrom('platform.sync_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The alerts received into one history row, latest first: which were notified (`round`) and which muted. */
export function recentReceipts(db: Db, syncAlertId: string, limit: number) {
  return db
    .selectFrom('platform.alert_receipts')
    .select(['alert_id', 'occurred_at', 'received_at', 'round', 'silence_id'])
    .where('sync_alert_id', '=', syncAlertId)
    .orderBy('received_at', 'desc')
    .orderBy('alert_id')
    .limit(limit)
    .execute();
}

export type ReceiptRow = Awaited<ReturnType<typeof recentReceipts>>[number];

/** Locked, so two admins acknowledging at once get one 200 and one 409. */
export function lockAlert(trx: Transaction<Database>, id: string): Promise<SyncAlert | undefined> {
  return trx.selectFrom('platform.sync_alerts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Closes the row: the dispatcher's next alert with this dedupe key opens a new row and notifies at once. */
export function markAcknowledged(trx: Transaction<Database>, id: string, by: string): Promise<SyncAlert> {
  return trx
    .updateTable('platform.sync_alerts')
    .set({ acknowledged: true, acknowledged_at: sql<Date>`now()`, acknowledged_by: by })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Started, not over and not expired early, by the database clock (the one the dispatcher's rows carry). */
const isActive = sql<boolean>`(starts_at <= now() AND ends_at > now() AND (expired_at IS NULL OR expired_at > now()))`;

const SILENCE_COLUMNS = [
  'id',
  'source',
  'type',
  'reason',
  'created_by',
  'starts_at',
  'ends_at',
  'expired_at',
  'expired_by',
  'created_at',
] as const;

function selectSilences(db: Db) {
  return db.selectFrom('platform.alert_silences').select([...SILENCE_COLUMNS, isActive.as('active')]);
}

export type SilenceRow = Awaited<ReturnType<ReturnType<typeof selectSilences>['executeTakeFirstOrThrow']>>;

/** Active ones soonest-ending first; the whole history newest first. */
export async function listSilences(db: Db, f: { all: boolean; limit: number; offset: number }) {
  const base = f.all ? db.selectFrom('platform.alert_silences') : db.selectFrom('platform.alert_silences').where(isActive);
  const [rows, count] = await Promise.all([
    base
      .select([...SILENCE_COLUMNS, isActive.as('active')])
      .orderBy(f.all ? 'created_at' : 'ends_at', f.all ? 'desc' : 'asc')
      .orderBy('id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export interface NewSilenceInput {
  source: string | null;
  type: string | null;
  reason: string;
  createdBy: string;
  durationSeconds: number;
}

export function insertSilence(trx: Transaction<Database>, s: NewSilenceInput): Promise<SilenceRow> {
  return trx
    .insertInto('platform.alert_silences')
    .values({
      source: s.source,
      type: s.type,
      reason: s.reason,
      created_by: s.createdBy,
      starts_at: sql<Date>`now()`,
      ends_at: sql<Date>`now() + make_interval(secs => ${s.durationSeconds})`,
    })
    .returning([...SILENCE_COLUMNS, isActive.as('active')])
    .executeTakeFirstOrThrow();
}

/** Locked for the expiry; `ended` is true once `ends_at` has passed, by the database clock. */
export function lockSilence(trx: Transaction<Database>, id: string) {
  return selectSilences(trx)
    .select(sql<boolean>`ends_at <= now()`.as('ended'))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function markExpired(trx: Transaction<Database>, id: string, by: string): Promise<SilenceRow> {
  return trx
    .updateTable('platform.alert_silences')
    .set({ expired_at: sql<Date>`now()`, expired_by: by })
    .where('id', '=', id)
    .returning([...SILENCE_COLUMNS, isActive.as('active')])
    .executeTakeFirstOrThrow();
}
