import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Database, Kysely, SyncRunStatus } from '@platform/db';

// Seller-sync runs as seller-sync writes them (sellers.sync_audit_logs), for the gateway's tests.

export interface SeededRun {
  id: string;
  status: SyncRunStatus;
  start: Date;
  end: Date | null;
  /** Minutes since the worker last touched the row (progress writes). */
  idleMinutes: number;
  ok: number;
  bad: number;
  remainingGaps: string[] | null;
  trigger: 'scheduled' | 'manual';
}

export const runArb = fc.record({
  minutesAgo: fc.integer({ min: 1, max: 10 * 24 * 60 }),
  durationS: fc.integer({ min: 0, max: 600 }),
  status: fc.constantFrom<SyncRunStatus>('in_progress', 'completed', 'failed', 'cancelled'),
  idleMinutes: fc.constantFrom(0, 1, 30),
  ok: fc.nat({ max: 500 }),
  bad: fc.nat({ max: 20 }),
  gaps: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 999 }).map((n) => `AA${n}`), { maxLength: 4 }), { nil: null }),
  trigger: fc.constantFrom('scheduled' as const, 'manual' as const),
});

export type RunSpec = typeof runArb extends fc.Arbitrary<infer T> ? T : never;

export async function seedRuns(db: Kysely<Database>, specs: RunSpec[], now = Date.now()): Promise<SeededRun[]> {
  const runs: SeededRun[] = [];
  for (const [i, s] of specs.entries()) {
    // Whole minutes minus the index in ms, durations in whole seconds: no two starts or ends tie.
    const start = new Date(now - s.minutesAgo * 60_000 - i);
    const end = s.status === 'in_progress' ? null : new Date(start.getTime() + s.durationS * 1000);
    const run: SeededRun = { id: randomUUID(), status: s.status, start, end, idleMinutes: s.idleMinutes, ok: s.ok, bad: s.bad, remainingGaps: s.gaps, trigger: s.trigger };
    await db
      .insertInto('sellers.sync_audit_logs')
      .values({
        id: run.id,
        start_time: start,
        end_time: end,
        trigger_source: s.trigger,
        status: s.status,
        success_count: s.ok,
        failure_count: s.bad,
        progress: JSON.stringify({ phase: s.status === 'in_progress' ? 'syncing' : 'done', total: s.ok + s.bad, processed: s.ok, success: s.ok, errors: s.bad }) as never,
        verification_result: s.gaps === null ? null : (JSON.stringify({ remainingGaps: s.gaps, gapsDetected: s.gaps }) as never),
        summary: s.status === 'in_progress' ? null : (JSON.stringify({ created: s.ok, updated: 0, unchanged: 0, invalid: s.bad, failed: 0 }) as never),
        updated_at: new Date(now - s.idleMinutes * 60_000),
      })
      .execute();
    runs.push(run);
  }
  return runs;
}

export async function clearRuns(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('sellers.sync_audit_logs').execute();
}
