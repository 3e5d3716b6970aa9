import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { notFound, QueueUnavailableError } from '../errors.js';
import { enqueue } from '../jobs.js';
import { auditAdmin } from '../plugins/audit.js';
import { adminOf } from '../plugins/auth.plugin.js';
import { findMeterSyncRun, listMeterSyncRuns, listMeterSyncTenants, type MeterSyncRunRow } from '../queries/meter-sync.queries.js';
import { acceptedJobSchema, intId, isoDateTime, page, pageQuery, problems, toIso } from '../schemas/common.schema.js';
import type { RouteGroup } from './route-group.js';

const entityCounts = z.object({ inserted: z.int(), updated: z.int(), deleted: z.int(), skipped: z.int().optional() });

const runRecord = z.object({
  runId: z.uuid(),
  tenantId: z.int(),
  trigger: z.enum(['scheduled', 'manual']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  jobId: z.string().nullable(),
  progress: z.unknown().describe('{ phase, entity, done, total } while running'),
  entities: z.record(z.string(), entityCounts).nullable().describe('rows inserted/updated/deleted/skipped per entity'),
  verified: z.boolean().nullable().describe('remote and local matched by count and checksum after the run'),
  error: z.string().nullable(),
  createdAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
  durationMs: z.int().nullable(),
});

const tenantRecord = z.object({ tenantId: z.int(), meters: z.int().describe('meters copied for the tenant'), lastRun: runRecord.nullable() });

interface StoredResult {
  verified?: boolean;
  entities?: Record<string, { entity?: string; inserted: number; updated: number; deleted: number; skipped?: number }>;
}

function toRunRecord(row: MeterSyncRunRow): z.infer<typeof runRecord> {
  const result = (row.result ?? null) as StoredResult | null;
  const entities = result?.entities
    ? Object.fromEntries(
        Object.entries(result.entities).map(([name, e]) => [
          e.entity ?? name,
          { inserted: e.inserted, updated: e.updated, deleted: e.deleted, ...(e.skipped === undefined ? {} : { skipped: e.skipped }) },
        ]),
      )
    : null;
  return {
    runId: row.id,
    tenantId: row.tenant_id,
    trigger: row.trigger,
    status: row.status,
    jobId: row.job_id,
    progress: row.progress ?? null,
    entities,
    verified: typeof result?.verified === 'boolean' ? result.verified : null,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: toIso(row.started_at),
    finishedAt: toIso(row.finished_at),
    durationMs: row.duration_ms,
  };
}

/** Seed 004 / issue 7: trigger a tenant's meter sync, its run history, and one run's progress. */
export const meterSyncRoutes: RouteGroup = {
  name: 'meter-sync',
  register(app, { db, queues }) {
    app.post(
      '/api/meter-sync/tenants/:tenantId/sync',
      {
        schema: {
          tags: ['meter-sync'],
          summary: "Sync one tenant's meters, registers and links now (joins a run already waiting)",
          params: z.object({ tenantId: intId }),
          response: { 202: acceptedJobSchema.extend({ runId: z.uuid() }), ...problems(400, 401, 403, 503) },
        },
      },
      async (request, reply) => {
        const admin = adminOf(request);
        const { tenantId } = request.params;
        const requested = randomUUID();
        const job = await db.transaction().execute(async (trx) => {
          await auditAdmin(trx, request, {
            action: 'meter-sync.trigger',
            targetType: 'tenant',
            targetId: String(tenantId),
            outcome: 'accepted',
            details: { runId: requested, requestedBy: admin.username },
          });
          return enqueue(queues, 'meter-sync', 'sync-tenant', { runId: requested, tenantId, trigger: 'manual' });
        });
        // A run already waiting for this tenant absorbs the request; report the run that will happen.
        let runId: string = requested;
        try {
          const queued = await queues.producer.queue('meter-sync').getJob(job.jobId);
          const data = queued?.data as { runId?: string } | undefined;
          if (data?.runId) runId = data.runId;
        } catch (error) {
          throw new QueueUnavailableError('meter-sync', error);
        }
        return reply.code(202).header('location', job.statusUrl).send({ ...job, runId });
      },
    );

    app.get(
      '/api/meter-sync/tenants',
      {
        schema: {
          tags: ['meter-sync'],
          summary: 'Tenants with meters or runs: meter count and newest run of each',
          response: { 200: z.object({ items: z.array(tenantRecord) }), ...problems(401) },
        },
      },
      async () => {
        const tenants = await listMeterSyncTenants(db);
        return { items: tenants.map((t) => ({ tenantId: t.tenantId, meters: t.meters, lastRun: t.lastRun ? toRunRecord(t.lastRun) : null })) };
      },
    );

    app.get(
      '/api/meter-sync/tenants/:tenantId/runs',
      {
        schema: {
          tags: ['meter-sync'],
          summary: "A tenant's meter-sync runs, newest first, with counts and duration",
          params: z.object({ tenantId: intId }),
          querystring: z.object(pageQuery),
          response: { 200: page(runRecord), ...problems(400, 401) },
        },
      },
      async (request) => {
        const { limit, offset } = request.query;
        const { rows, total } = await listMeterSyncRuns(db, { tenantId: request.params.tenantId, limit, offset });
        return { items: rows.map(toRunRecord), total, limit, offset };
      },
    );

    app.get(
      '/api/meter-sync/runs/:runId',
      {
        schema: {
          tags: ['meter-sync'],
          summary: 'One meter-sync run: live progress while running, counts and verification when done',
          params: z.object({ runId: z.uuid() }),
          response: { 200: runRecord, ...problems(400, 401, 404) },
        },
      },
      async (request) => {
        const row = await findMeterSyncRun(db, request.params.runId);
        if (!row) throw notFound(`no meter-sync run ${request.params.runId} (a run appears once its job starts)`);
        return toRunRecord(row);
      },
    );
  },
};
