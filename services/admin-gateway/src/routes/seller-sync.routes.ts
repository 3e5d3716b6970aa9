import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { getAggregatedMetrics, SYNC_RUN_STATUSES } from '@platform/db';
import { sellerNumber } from '@platform/queues';
import { conflict, notFound, QueueUnavailableError, unprocessable } from '../errors.js';
import { enqueue } from '../jobs.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import {
  currentSellerGapCount,
  findRunningSellerSync,
  findSellerSyncRun,
  lastFinishedSellerSync,
  listSellerSyncAudit,
  loadSellerSyncSettings,
  lockSellerSyncSettings,
  recentSellerSyncAlerts,
  requestSellerSyncCancel,
  sellerSyncSuccessRate,
  sellerSyncTrend,
  writeSellerSyncSettings,
  type SellerSyncRunRow,
} from '../queries/seller-sync.queries.js';
import { acceptedJobSchema, isoDateTime, page, pageQuery, problems, rangeQuery, toIso } from '../schemas/common.schema.js';
import { sellerSyncSettingsPatchSchema, sellerSyncSettingsSchema } from '../schemas/seller-sync.schema.js';
import type { RouteGroup } from './route-group.js';

const progress = z
  .object({
    phase: z.enum(['detecting', 'syncing', 'verifying', 'done']),
    total: z.int(),
    processed: z.int(),
    success: z.int(),
    errors: z.int(),
  })
  .describe('Live while running: sellers processed of total, how many succeeded and failed');

const summary = z
  .object({ created: z.int(), updated: z.int(), unchanged: z.int(), invalid: z.int(), failed: z.int(), errors: z.int() })
  .describe('When finished: new sellers, updated sellers, unchanged, bad sheet rows, failed writes; errors = invalid + failed');

const syncRecord = z.object({
  syncId: z.uuid(),
  trigger: z.enum(['scheduled', 'manual']),
  requestedBy: z.string().nullable(),
  status: z.enum(SYNC_RUN_STATUSES),
  progress: progress.nullable(),
  summary: summary.nullable(),
  verification: z.unknown().describe('Counts, gaps detected, repaired and remaining, integrity issues'),
  startedAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  durationMs: z.int().nullable(),
  cancelRequestedAt: isoDateTime.nullable(),
  cancelRequestedBy: z.string().nullable(),
});
type SyncRecord = z.infer<typeof syncRecord>;

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);

function toSyncRecord(row: SellerSyncRunRow): SyncRecord {
  const p = row.progress as Record<string, unknown> | null;
  const s = row.summary as Record<string, unknown> | null;
  const phase = progress.shape.phase.safeParse(p?.phase);
  return {
    syncId: row.id,
    trigger: row.trigger_source,
    requestedBy: row.requested_by,
    status: row.status,
    progress: p && phase.success ? { phase: phase.data, total: num(p.total), processed: num(p.processed), success: num(p.success), errors: num(p.errors) } : null,
    summary:
      s && row.status !== 'in_progress'
        ? { created: num(s.created), updated: num(s.updated), unchanged: num(s.unchanged), invalid: num(s.invalid), failed: num(s.failed), errors: num(s.invalid) + num(s.failed) }
        : null,
    verification: row.verification_result ?? null,
    startedAt: row.start_time.toISOString(),
    finishedAt: toIso(row.end_time),
    durationMs: row.end_time ? row.end_time.getTime() - row.start_time.getTime() : null,
    cancelRequestedAt: toIso(row.cancel_requested_at),
    cancelRequestedBy: row.cancel_requested_by,
  };
}

const syncUrl = (syncId: string) => `/api/seller-sync/syncs/${syncId}`;

const statusRecord = z.object({
  isRunning: z.boolean(),
  current: syncRecord.nullable().describe('The running sync with its progress'),
  lastSyncTime: isoDateTime.nullable().describe('End of the newest finished sync'),
  lastSync: syncRecord.nullable(),
});

const alertRecord = z.object({
  id: z.string(),
  severity: z.enum(['high', 'medium', 'low']),
  type: z.string(),
  message: z.string(),
  occurrences: z.int(),
  firstSeenAt: isoDateTime,
  lastSeenAt: isoDateTime,
  acknowledged: z.boolean(),
});

const dashboard = z.object({
  lastSuccessfulSync: isoDateTime.nullable(),
  nextScheduledSync: isoDateTime.nullable().describe('From the BullMQ job scheduler; null when none or the queue is unreachable'),
  successRate24h: z.number().min(0).max(1).nullable().describe('completed / (completed + failed); null without finished runs'),
  successRate7d: z.number().min(0).max(1).nullable(),
  currentGapCount: z.int().describe('Sellers still missing after the newest verification'),
  recentAlerts: z.array(alertRecord),
  trend: z.array(z.object({ syncId: z.uuid(), status: z.enum(SYNC_RUN_STATUSES), timestamp: isoDateTime, successCount: z.int(), failureCount: z.int(), durationMs: z.int().nullable() })),
});

const aggregatedMetrics = z.object({
  days: z.int().describe('The window: runs started in the last `days` days'),
  runs: z.int().min(0).describe('Runs in the window that stored metrics'),
  averageSyncTime: z.number().min(0).describe('Mean run duration, milliseconds'),
  peakSyncTime: z.number().min(0).describe('Longest run, milliseconds'),
  errorRate: z.number().min(0).max(1).describe('Failed (invalid or unwritten) rows / rows processed'),
  averageThroughput: z.number().min(0).describe('Mean rows per second'),
});

const settingsResponse = z.object({
  settings: z.record(z.string(), z.unknown()).describe('syncIntervalMinutes, consecutiveFailureThreshold, syncGapThreshold, noSyncThresholdMinutes, autoRecoveryEnabled, invalidRowAlertPercent, retryConfig, alertConfig'),
  valid: z.boolean().describe('false: a stored value breaks the rules; seller-sync keeps its last good settings until it is fixed'),
  updated: z.array(z.object({ key: z.string(), updatedAt: isoDateTime, updatedBy: z.string().nullable() })),
});

/** Seed 002 / issue 8: manual seller sync with progress and cancel, dashboard, audit, hot settings. */
export const sellerSyncRoutes: RouteGroup = {
  name: 'seller-sync',
  register(app, { db, queues, now: clock = () => new Date() }) {
    app.post(
      '/api/seller-sync/syncs',
      {
        schema: {
          tags: ['seller-sync'],
          summary: 'Sync the sellers sheet now; while a sync runs, answers 200 with that sync instead of starting another',
          response: {
            200: z.object({ alreadyRunning: z.literal(true), sync: syncRecord }),
            202: acceptedJobSchema.extend({ syncId: z.uuid(), progressUrl: z.string() }),
            ...problems(401, 403, 503),
          },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const running = await findRunningSellerSync(db);
        if (running) return reply.code(200).send({ alreadyRunning: true as const, sync: toSyncRecord(running) });
        const requested = randomUUID();
        const job = await db.transaction().execute(async (trx) => {
          await auditAdmin(trx, request, { action: 'seller-sync.trigger', targetType: 'seller_sync', targetId: requested, outcome: 'accepted' });
          return enqueue(queues, 'seller-sync', 'sync-sellers', { syncId: requested, trigger: 'manual', requestedBy: admin.username });
        });
        // A sync already waiting absorbs the request (one pending per queue): report that one.
        let syncId: string = requested;
        try {
          const queued = await queues.producer.queue('seller-sync').getJob(job.jobId);
          const data = queued?.data as { syncId?: string; trigger?: string } | undefined;
          if (data?.syncId && data.trigger === 'manual') syncId = data.syncId;
        } catch (error) {
          throw new QueueUnavailableError('seller-sync', error);
        }
        return reply.code(202).header('location', syncUrl(syncId)).send({ ...job, syncId, progressUrl: syncUrl(syncId) });
      },
    );

    app.get(
      '/api/seller-sync/status',
      { schema: { tags: ['seller-sync'], summary: 'Whether a sync runs (with progress) and the last sync', response: { 200: statusRecord, ...problems(401) } } },
      async () => {
        const [running, last] = await Promise.all([findRunningSellerSync(db), lastFinishedSellerSync(db)]);
        return { isRunning: running !== undefined, current: running ? toSyncRecord(running) : null, lastSyncTime: toIso(last?.end_time ?? null), lastSync: last ? toSyncRecord(last) : null };
      },
    );

    app.get(
      '/api/seller-sync/syncs/:syncId',
      {
        schema: {
          tags: ['seller-sync'],
          summary: 'One sync: phase and counts while running, summary and verification when done',
          params: z.object({ syncId: z.uuid() }),
          response: { 200: syncRecord, ...problems(400, 401, 404) },
        },
      },
      async (request) => {
        const row = await findSellerSyncRun(db, request.params.syncId);
        if (!row) throw notFound(`no seller sync ${request.params.syncId} (a sync appears once the worker starts it)`);
        return toSyncRecord(row);
      },
    );

    app.post(
      '/api/seller-sync/syncs/:syncId/cancel',
      {
        schema: {
          tags: ['seller-sync'],
          summary: 'Ask a running sync to stop after its current batch (the database stays consistent)',
          params: z.object({ syncId: z.uuid() }),
          response: { 202: syncRecord, ...problems(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const { syncId } = request.params;
        const row = await db.transaction().execute(async (trx) => {
          const updated = await requestSellerSyncCancel(trx, syncId, admin.username);
          if (!updated) {
            const existing = await findSellerSyncRun(trx, syncId);
            if (!existing) throw notFound(`no seller sync ${syncId}`);
            if (existing.cancel_requested_at) throw conflict(`seller sync ${syncId} is already being cancelled (asked by ${existing.cancel_requested_by ?? 'someone'})`);
            throw conflict(`seller sync ${syncId} is ${existing.status}, not running; nothing to cancel`);
          }
          await auditAdmin(trx, request, { action: 'seller-sync.cancel', targetType: 'seller_sync', targetId: syncId, outcome: 'accepted' });
          return updated;
        });
        return reply.code(202).header('location', syncUrl(syncId)).send(toSyncRecord(row));
      },
    );

    app.get(
      '/api/seller-sync/dashboard',
      {
        schema: {
          tags: ['seller-sync'],
          summary: 'Sync health: last success, next scheduled run, success rates, gaps, recent alerts, trend',
          querystring: z.object({ trendDays: z.coerce.number().int().min(1).max(90).default(7), alerts: z.coerce.number().int().min(1).max(100).default(10) }),
          response: { 200: dashboard, ...problems(400, 401) },
        },
      },
      async (request) => {
        const now = clock();
        const [lastOk, rate24h, rate7d, gaps, alerts, trend, next] = await Promise.all([
          lastFinishedSellerSync(db, true),
          sellerSyncSuccessRate(db, 24, now),
          sellerSyncSuccessRate(db, 24 * 7, now),
          currentSellerGapCount(db),
          recentSellerSyncAlerts(db, request.query.alerts),
          sellerSyncTrend(db, request.query.trendDays, now),
          nextScheduledSync(queues.producer, request.log),
        ]);
        return {
          lastSuccessfulSync: toIso(lastOk?.end_time ?? null),
          nextScheduledSync: toIso(next),
          successRate24h: rate24h,
          successRate7d: rate7d,
          currentGapCount: gaps,
          recentAlerts: alerts.map((a) => ({
            id: a.id,
            severity: a.severity,
            type: a.type,
            message: a.message,
            occurrences: a.occurrences,
            firstSeenAt: a.first_seen_at.toISOString(),
            lastSeenAt: a.last_seen_at.toISOString(),
            acknowledged: a.acknowledged,
          })),
          trend: trend.map((t) => ({
            syncId: t.id,
            status: t.status,
            timestamp: t.start_time.toISOString(),
            successCount: t.success_count,
            failureCount: t.failure_count,
            durationMs: t.end_time ? t.end_time.getTime() - t.start_time.getTime() : null,
          })),
        };
      },
    );

    app.get(
      '/api/seller-sync/metrics',
      {
        schema: {
          tags: ['seller-sync'],
          summary: 'Aggregated sync metrics over the last `days` days (spec 002 getAggregatedMetrics)',
          // 90: audit rows (and their metrics) are kept 90 days.
          querystring: z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }),
          response: { 200: aggregatedMetrics, ...problems(400, 401) },
        },
      },
      async (request) => ({ days: request.query.days, ...(await getAggregatedMetrics(db, request.query.days, clock())) }),
    );

    app.get(
      '/api/seller-sync/audit-logs',
      {
        schema: {
          tags: ['seller-sync'],
          summary: 'Sync runs, newest first, filtered by start time, status and seller number',
          querystring: z.object({ ...rangeQuery, status: z.enum(SYNC_RUN_STATUSES).optional(), sellerNumber: sellerNumber.optional(), ...pageQuery }),
          response: { 200: page(syncRecord), ...problems(400, 401) },
        },
      },
      async (request) => {
        const q = request.query;
        const { rows, total } = await listSellerSyncAudit(db, { ...q, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined });
        return { items: rows.map(toSyncRecord), total, limit: q.limit, offset: q.offset };
      },
    );

    app.get(
      '/api/seller-sync/config',
      { schema: { tags: ['seller-sync'], summary: 'seller-sync settings in force (stored over defaults)', response: { 200: settingsResponse, ...problems(401) } } },
      async () => toSettingsResponse(await loadSellerSyncSettings(db)),
    );

    app.patch(
      '/api/seller-sync/config',
      {
        schema: {
          tags: ['seller-sync'],
          summary: 'Change seller-sync settings; the running service applies them within seconds, schedule included',
          body: sellerSyncSettingsPatchSchema,
          response: { 200: settingsResponse, ...problems(400, 401, 403, 422) },
        },
      },
      async (request) => {
        const admin = adminOf(request);
        const patch = request.body;
        const result = await db.transaction().execute(async (trx) => {
          await lockSellerSyncSettings(trx);
          const before = await loadSellerSyncSettings(trx);
          const next = sellerSyncSettingsSchema.safeParse({ ...before.settings, ...patch });
          if (!next.success) {
            const errors = next.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message }));
            throw unprocessable(`the settings would not be valid together: ${errors.map((e) => e.message).join('; ')}`, errors);
          }
          await writeSellerSyncSettings(trx, patch, `admin:${admin.username}`);
          const changed = Object.keys(patch) as (keyof typeof patch)[];
          await auditAdmin(trx, request, {
            action: 'seller-sync.config.update',
            targetType: 'seller_sync_config',
            targetId: changed.join(','),
            details: { before: Object.fromEntries(changed.map((k) => [k, before.settings[k]])), after: patch },
          });
          return loadSellerSyncSettings(trx);
        });
        return toSettingsResponse(result);
      },
    );
  },
};

function toSettingsResponse(r: Awaited<ReturnType<typeof loadSellerSyncSettings>>) {
  return {
    settings: r.settings,
    valid: r.valid,
    updated: r.rows.map((row) => ({ key: row.config_key, updatedAt: row.updated_at.toISOString(), updatedBy: row.updated_by })),
  };
}

/** Next run of the seller-sync job scheduler; the dashboard still answers when Redis does not. */
async function nextScheduledSync(producer: Parameters<RouteGroup['register']>[1]['queues']['producer'], log: { warn(o: object, m: string): void }): Promise<Date | null> {
  try {
    const scheduler = await producer.queue('seller-sync').getJobScheduler('sync-sellers');
    return scheduler?.next ? new Date(scheduler.next) : null;
  } catch (err) {
    log.warn({ err }, 'seller-sync schedule unreadable; dashboard shows no next sync');
    return null;
  }
}
