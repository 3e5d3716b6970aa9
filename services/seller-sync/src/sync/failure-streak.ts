import type { Database, Kysely } from '@platform/db';
import type { AlertSink } from '../alerts/alert-sink.js';

/**
 * Raises `consecutive_failures` when the last `threshold` finished runs all failed (spec 002
 * Req 3.1, Property 43). Runs exactly at the threshold alert; alert-dispatcher folds repeats.
 */
export async function checkConsecutiveFailures(db: Kysely<Database>, alert: AlertSink, threshold: number): Promise<boolean> {
  const recent = await db
    .selectFrom('sellers.sync_audit_logs')
    .select(['id', 'status'])
    .where('status', 'in', ['completed', 'failed'])
    .orderBy('start_time', 'desc')
    .limit(threshold)
    .execute();
  if (recent.length < threshold || recent.some((r) => r.status !== 'failed')) return false;
  await alert({
    type: 'consecutive_failures',
    severity: 'high',
    message: `the last ${threshold} seller syncs failed`,
    details: { threshold, runIds: recent.map((r) => r.id) },
  });
  return true;
}
