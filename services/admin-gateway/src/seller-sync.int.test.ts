import { randomUUID } from 'node:crypto';
import { readSellerSyncSettings, SETTING_KEYS } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from './app.fixture.js';
import { clearRuns, seedRuns } from './seller-sync.fixture.js';

const base = { durationS: 30, idleMinutes: 0 as const, ok: 10, bad: 1, gaps: null, trigger: 'manual' as const };

describe('seller-sync admin API', () => {
  test('trigger: 202 with a progress URL, audited; the run then reads back with phase and counts', async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    try {
      await clearRuns(db);
      const admin = await createAccount(db, tokens, 'admin');
      const res = await app.inject({ method: 'POST', url: '/api/seller-sync/syncs', headers: admin.auth });
      expect(res.statusCode).toBe(202);
      const { syncId, progressUrl, statusUrl } = res.json();
      expect(res.headers.location).toBe(progressUrl);
      expect(statusUrl).toMatch(/^\/api\/jobs\/seller-sync\//);
      const [job] = await producer.queue('seller-sync').getJobs(['waiting']);
      expect(job?.data).toEqual({ syncId, trigger: 'manual', requestedBy: admin.username });
      const audit = await db.selectFrom('platform.admin_audit_log').selectAll().where('action', '=', 'seller-sync.trigger').execute();
      expect(audit).toEqual([expect.objectContaining({ actor: admin.username, target_id: syncId, outcome: 'accepted' })]);
      // Before the worker starts it: a clear 404, not an empty record.
      expect((await app.inject({ url: progressUrl, headers: admin.auth })).statusCode).toBe(404);
      // The worker opens the row (as seller-sync's startRun/reportProgress do).
      await db.insertInto('sellers.sync_audit_logs').values({ id: syncId, start_time: new Date(), trigger_source: 'manual', status: 'in_progress', requested_by: admin.username, progress: JSON.stringify({ phase: 'syncing', total: 100, processed: 40, success: 39, errors: 1 }) as never }).execute();
      const progress = await app.inject({ url: progressUrl, headers: admin.auth });
      expect(progress.json()).toMatchObject({ syncId, status: 'in_progress', progress: { phase: 'syncing', total: 100, processed: 40, success: 39, errors: 1 }, summary: null });
    } finally {
      await close();
    }
  });

  test('cancel: a running sync is flagged once and audited; a finished or unknown one is a problem, unchanged', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      await clearRuns(db);
      const admin = await createAccount(db, tokens, 'admin');
      const viewer = await createAccount(db, tokens, 'viewer');
      const [running, done] = await seedRuns(db, [
        { ...base, minutesAgo: 2, status: 'in_progress' },
        { ...base, minutesAgo: 60, status: 'completed' },
      ]);
      expect((await app.inject({ method: 'POST', url: `/api/seller-sync/syncs/${running!.id}/cancel`, headers: viewer.auth })).statusCode).toBe(403);
      const ok = await app.inject({ method: 'POST', url: `/api/seller-sync/syncs/${running!.id}/cancel`, headers: admin.auth });
      expect(ok.statusCode).toBe(202);
      expect(ok.json()).toMatchObject({ syncId: running!.id, cancelRequestedBy: admin.username });
      const again = await app.inject({ method: 'POST', url: `/api/seller-sync/syncs/${running!.id}/cancel`, headers: admin.auth });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toMatch(/already being cancelled/);
      const finished = await app.inject({ method: 'POST', url: `/api/seller-sync/syncs/${done!.id}/cancel`, headers: admin.auth });
      expect(finished.statusCode).toBe(409);
      expect(finished.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await app.inject({ method: 'POST', url: `/api/seller-sync/syncs/${randomUUID()}/cancel`, headers: admin.auth })).statusCode).toBe(404);
      const audit = await db.selectFrom('platform.admin_audit_log').select('target_id').where('action', '=', 'seller-sync.cancel').execute();
      expect(audit).toEqual([{ target_id: running!.id }]);
      const row = await db.selectFrom('sellers.sync_audit_logs').select(['cancel_requested_at']).where('id', '=', done!.id).executeTakeFirstOrThrow();
      expect(row.cancel_requested_at).toBeNull();
    } finally {
      await close();
    }
  });

  test('completion summary and audit query by status, seller number and date range', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      await clearRuns(db);
      const viewer = await createAccount(db, tokens, 'viewer');
      const [recent, old] = await seedRuns(db, [
        { ...base, minutesAgo: 5, status: 'completed' },
        { ...base, minutesAgo: 3 * 24 * 60, status: 'failed' },
      ]);
      await db.insertInto('sellers.sync_record_logs').values({ audit_log_id: old!.id, seller_number: 'AA12679', operation: 'create', result: 'failure', occurred_at: new Date() }).execute();
      const summary = (await app.inject({ url: `/api/seller-sync/syncs/${recent!.id}`, headers: viewer.auth })).json();
      expect(summary.summary).toEqual({ created: 10, updated: 0, unchanged: 0, invalid: 1, failed: 0, errors: 1 });
      const q = async (query: Record<string, string>) => (await app.inject({ url: '/api/seller-sync/audit-logs', query, headers: viewer.auth })).json();
      expect((await q({ status: 'failed' })).items.map((r: { syncId: string }) => r.syncId)).toEqual([old!.id]);
      expect((await q({ sellerNumber: 'AA12679' })).items.map((r: { syncId: string }) => r.syncId)).toEqual([old!.id]);
      expect((await q({ from: new Date(Date.now() - 864e5).toISOString() })).items.map((r: { syncId: string }) => r.syncId)).toEqual([recent!.id]);
      const bad = await app.inject({ url: '/api/seller-sync/audit-logs', query: { sellerNumber: 'BB1', status: 'done' }, headers: viewer.auth });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring.sellerNumber', 'querystring.status']);
    } finally {
      await close();
    }
  });

  test('config: defaults, a valid change stored and audited with before/after, invalid changes refused with field errors and nothing written', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const get = async () => (await app.inject({ url: '/api/seller-sync/config', headers: admin.auth })).json();
      expect((await get()).settings).toMatchObject({ syncIntervalMinutes: 15, consecutiveFailureThreshold: 3, autoRecoveryEnabled: true });
      const patch = (payload: unknown) => app.inject({ method: 'PATCH', url: '/api/seller-sync/config', headers: admin.auth, payload: payload as object });
      const ok = await patch({ syncIntervalMinutes: 5, syncGapThreshold: 0 });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().settings).toMatchObject({ syncIntervalMinutes: 5, syncGapThreshold: 0 });
      expect(ok.json().updated).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'syncIntervalMinutes', updatedBy: `admin:${admin.username}` })]));
      const audit = await db.selectFrom('platform.admin_audit_log').select('details').where('action', '=', 'seller-sync.config.update').executeTakeFirstOrThrow();
      expect(audit.details).toMatchObject({ before: { syncIntervalMinutes: 15, syncGapThreshold: 5 }, after: { syncIntervalMinutes: 5, syncGapThreshold: 0 } });
      const before = await get();
      const zero = await patch({ syncIntervalMinutes: 0 });
      expect(zero.statusCode).toBe(400);
      expect(zero.json().errors).toEqual([{ path: 'body.syncIntervalMinutes', message: 'syncIntervalMinutes (minutes) must be at least 1' }]);
      expect((await patch({ nope: 1 })).statusCode).toBe(400);
      expect((await patch({})).statusCode).toBe(400);
      const emails = await patch({ alertConfig: { emailEnabled: true, emailRecipients: [] } });
      expect(emails.statusCode).toBe(400);
      expect(emails.json().detail).toMatch(/emailRecipients must list someone/);
      expect(await get()).toEqual(before);
    } finally {
      await close();
    }
  });

  test('config: every key changed through PATCH is what seller-sync and alert-dispatcher read next (readSellerSyncSettings)', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const changes: Record<string, unknown> = {
        syncIntervalMinutes: 7,
        consecutiveFailureThreshold: 9,
        syncGapThreshold: 11,
        noSyncThresholdMinutes: 45,
        autoRecoveryEnabled: false,
        invalidRowAlertPercent: 33,
        retryConfig: { maxRetries: 5, initialDelayMs: 250, maxDelayMs: 8_000, backoffMultiplier: 3 },
        alertConfig: { emailEnabled: true, emailRecipients: ['sales-lead@example.org'] },
      };
      // A new setting must be added here too: the list is the schema's own.
      expect(Object.keys(changes).sort()).toEqual([...SETTING_KEYS].sort());
      for (const [key, value] of Object.entries(changes)) {
        const res = await app.inject({ method: 'PATCH', url: '/api/seller-sync/config', headers: admin.auth, payload: { [key]: value } });
        expect(res.statusCode, key).toBe(200);
        expect((await readSellerSyncSettings(db) as Record<string, unknown>)[key], key).toEqual(value);
      }
      expect(await readSellerSyncSettings(db)).toEqual(changes);
    } finally {
      await close();
    }
  });

  test('metrics: aggregated over the asked window (spec 002 getAggregatedMetrics), viewer-readable, bad windows a problem', async ({ db, prefix }) => {
    const now = new Date();
    const { app, tokens, close } = await startApp({ db, prefix }, { now: () => now });
    try {
      // Runs other tests seeded stored no metrics: they do not count.
      const viewer = await createAccount(db, tokens, 'viewer');
      const get = (query: Record<string, string>, headers: Record<string, string> = viewer.auth) => app.inject({ url: '/api/seller-sync/metrics', query, headers });
      expect((await get({})).json()).toEqual({ days: 7, runs: 0, averageSyncTime: 0, peakSyncTime: 0, errorRate: 0, averageThroughput: 0 });
      // Two runs a day old, one ten days old: a 7-day window sees two, a 30-day window all three.
      const runs = await seedRuns(db, [
        { ...base, minutesAgo: 24 * 60, status: 'completed', ok: 90, bad: 10 },
        { ...base, minutesAgo: 24 * 60 + 5, status: 'failed', ok: 20, bad: 30 },
        { ...base, minutesAgo: 10 * 24 * 60, status: 'completed', ok: 100, bad: 0 },
      ], now.getTime());
      const timings = [{ total: 1_000, rps: 100 }, { total: 4_000, rps: 12.5 }, { total: 9_000, rps: 11 }];
      for (const [i, run] of runs.entries())
        await db.insertInto('sellers.sync_metrics').values({ audit_log_id: run.id, execution_time: { unit: 'ms', fetch: 0, compare: 0, update: 0, verify: 0, total: timings[i]!.total }, throughput: { recordsPerSecond: timings[i]!.rps, totalRecords: run.ok + run.bad }, errors: {} }).execute();
      const week = await get({ days: '7' });
      expect(week.statusCode).toBe(200);
      expect(week.json()).toEqual({ days: 7, runs: 2, averageSyncTime: 2_500, peakSyncTime: 4_000, errorRate: 40 / 150, averageThroughput: 56.25 });
      expect((await get({ days: '30' })).json()).toEqual({ days: 30, runs: 3, averageSyncTime: 14_000 / 3, peakSyncTime: 9_000, errorRate: 40 / 250, averageThroughput: 123.5 / 3 });
      for (const days of ['0', '91', '1.5', 'week', '']) {
        const bad = await get({ days });
        expect(bad.statusCode, days).toBe(400);
        expect(bad.headers['content-type'], days).toMatch(/^application\/problem\+json/);
        expect(bad.json().errors, days).toEqual([expect.objectContaining({ path: 'querystring.days' })]);
      }
      expect((await get({}, {})).statusCode).toBe(401);
    } finally {
      await close();
    }
  });
});
