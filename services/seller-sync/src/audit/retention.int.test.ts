import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, test } from '@platform/testkit';
import { AUTO_ACK_BY, enforceRetention } from './retention.js';

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

describe('bounded history', () => {
  test('audit logs older than 90 days are deleted in batches; younger ones stay and stay undeletable', async ({ db }) => {
    const run = async (age: number) => {
      const id = randomUUID();
      await db.insertInto('sellers.sync_audit_logs').values({ id, start_time: daysAgo(age), end_time: daysAgo(age), trigger_source: 'scheduled', status: 'completed' }).execute();
      await db.insertInto('sellers.sync_record_logs').values(Array.from({ length: 7 }, (_, i) => ({ audit_log_id: id, seller_number: `AA${i}`, operation: 'create' as const, result: 'success' as const, occurred_at: daysAgo(age) }))).execute();
      await db.insertInto('sellers.sync_error_logs').values({ audit_log_id: id, error_message: 'x', error_type: 'validation', occurred_at: daysAgo(age) }).execute();
      return id;
    };
    const old = await run(91);
    const young = await run(89);
    const r = await enforceRetention(db, { batchSize: 3 });
    expect(r).toMatchObject({ recordLogs: 7, errorLogs: 1, runs: 1 });
    const left = await db.selectFrom('sellers.sync_audit_logs').select('id').execute();
    expect(left.map((x) => x.id)).toEqual([young]);
    expect(await db.selectFrom('sellers.sync_record_logs').select('id').where('audit_log_id', '=', old).execute()).toEqual([]);
    expect(await db.selectFrom('sellers.sync_record_logs').select('id').where('audit_log_id', '=', young).execute()).toHaveLength(7);
    // The append-only rule still holds for anything younger than 90 days.
    await expect(db.deleteFrom('sellers.sync_record_logs').where('audit_log_id', '=', young).execute()).rejects.toThrow(/append-only/);
    await expect(sql`UPDATE sellers.sync_error_logs SET error_message = 'y'`.execute(db)).rejects.toThrow(/append-only/);
  });

  test('seller-sync alerts unacknowledged for 30 days are acknowledged automatically; others are not touched', async ({ db }) => {
    const alert = (source: string, age: number, key: string) => ({ source, severity: 'high' as const, type: 'seller_sync.sync_failed', message: 'm', dedupe_key: key, first_seen_at: daysAgo(age), last_seen_at: daysAgo(age) });
    await db.insertInto('platform.sync_alerts').values([alert('seller-sync', 31, 'a'), alert('seller-sync', 29, 'b'), alert('device-poller', 31, 'c')]).execute();
    const r = await enforceRetention(db);
    expect(r.alertsAcknowledged).toBe(1);
    const rows = await db.selectFrom('platform.sync_alerts').select(['dedupe_key', 'acknowledged', 'acknowledged_by']).orderBy('dedupe_key').execute();
    expect(rows).toEqual([
      { dedupe_key: 'a', acknowledged: true, acknowledged_by: AUTO_ACK_BY },
      { dedupe_key: 'b', acknowledged: false, acknowledged_by: null },
      { dedupe_key: 'c', acknowledged: false, acknowledged_by: null },
    ]);
  });
});
