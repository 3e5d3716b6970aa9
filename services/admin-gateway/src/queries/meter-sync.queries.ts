import type { Database, Kysely, Transaction } from '@platform/db';

type Db = Kysely<Database> | Transaction<Database>;

const RUN_COLUMNS = [
  'id',
  'tenant_id',
  'trigger',
  'status',
  'job_id',
  'progress',
  'result',
  'error',
  'created_at',
  'started_at',
  'finished_at',
  'duration_ms',
] as const;

/** A tenant's meter-sync runs, newest first (index `sync_runs_tenant_created_idx`). */
export async function listMeterSyncRuns(db: Db, f: { tenantId: number; limit: number; offset: number }) {
  const query = db.selectFrom('metering.sync_runs').where('tenant_id', '=', f.tenantId);
  const [rows, count] = await Promise.all([
    query.select(RUN_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

export function findMeterSyncRun(db: Db, runId: string) {
  return db.selectFrom('metering.sync_runs').select(RUN_COLUMNS).where('id', '=', runId).executeTakeFirst();
}

export type MeterSyncRunRow = NonNullable<Awaited<ReturnType<typeof findMeterSyncRun>>>;

/**
 * Every tenant the platform knows: one it has meters of, or one that has runs. Each with its
 * meter count (index `meter_tenant_idx`) and newest run (`sync_runs_tenant_created_idx`).
 */
export async function listMeterSyncTenants(db: Db) {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('metering.sync_runs')
        .select('tenant_id')
        .union(eb.selectFrom('metering.meter').select('tenant_id'))
        .as('t'),
    )
    .select((eb) => [
      't.tenant_id',
      eb.selectFrom('metering.meter as m').select((m) => m.fn.countAll<string>().as('n')).whereRef('m.tenant_id', '=', 't.tenant_id').as('meters'),
      eb
        .selectFrom('metering.sync_runs as r')
        .select('r.id')
        .whereRef('r.tenant_id', '=', 't.tenant_id')
        .orderBy('r.created_at', 'desc')
        .orderBy('r.id', 'desc')
        .limit(1)
        .as('last_run_id'),
    ])
    .orderBy('t.tenant_id')
    .execute();
  const runIds = rows.map((r) => r.last_run_id).filter((id): id is string => id !== null);
  const runs = runIds.length ? await db.selectFrom('metering.sync_runs').select(RUN_COLUMNS).where('id', 'in', runIds).execute() : [];
  const byId = new Map(runs.map((r) => [r.id, r]));
  return rows.map((r) => ({ tenantId: r.tenant_id, meters: Number(r.meters ?? 0), lastRun: r.last_run_id ? (byId.get(r.last_run_id) ?? null) : null }));
}
