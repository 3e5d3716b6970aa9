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
