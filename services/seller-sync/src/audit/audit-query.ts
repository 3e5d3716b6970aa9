import { sql } from 'kysely';
import type { Database, Kysely, SyncAuditLog } from '@platform/db';

/** Spec 002 SyncAuditQuery (Property 10); every given filter must hold for every result. */
export interface AuditQuery {
  startDate?: Date;
  endDate?: Date;
  /** true: completed runs whose verification passed; false: every other finished run. */
  successStatus?: boolean;
  /** Runs that wrote a record or error log for this seller. */
  sellerNumber?: string;
  limit?: number;
}

/**
 * Audit runs, newest first.
 *
 * @example
 * await queryAuditLogs(db, { sellerNumber: 'AA12679', startDate: new Date(Date.now() - 7 * 864e5) });
 */
export async function queryAuditLogs(db: Kysely<Database>, q: AuditQuery): Promise<SyncAuditLog[]> {
  let query = db.selectFrom('sellers.sync_audit_logs as a').selectAll('a');
  if (q.startDate) query = query.where('a.start_time', '>=', q.startDate);
  if (q.endDate) query = query.where('a.start_time', '<=', q.endDate);
  if (q.successStatus === true) query = query.where('a.status', '=', 'completed');
  if (q.successStatus === false) query = query.where('a.status', 'in', ['failed', 'cancelled']);
  if (q.sellerNumber !== undefined) {
    const n = q.sellerNumber;
    query = query.where((eb) =>
      eb.or([
        // A run's unchanged sellers are in its one summary row's `seller_numbers`.
        eb.exists(eb.selectFrom('sellers.sync_record_logs as r').select(sql`1`.as('x')).whereRef('r.audit_log_id', '=', 'a.id').where((w) => w.or([w('r.seller_number', '=', n), sql<boolean>`${n} = ANY(r.seller_numbers)`]))),
        eb.exists(eb.selectFrom('sellers.sync_error_logs as e').select(sql`1`.as('x')).whereRef('e.audit_log_id', '=', 'a.id').where('e.seller_number', '=', n)),
      ]),
    );
  }
  return query.orderBy('a.start_time', 'desc').limit(Math.min(q.limit ?? 100, 1_000)).execute();
}
