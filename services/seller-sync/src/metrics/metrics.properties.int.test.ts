import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll } from 'vitest';
import type { Database, Kysely } from '@platform/db';
import { createLogger } from '@platform/runtime';
import { corruptCell, RowValidationError, sellerSheet, SheetHeaderError, SheetsRequestError } from '@platform/sheets';
import { describe, expect, test } from '@platform/testkit';
import { categorize } from '../sync/error-category.js';
import { runSync } from '../sync/run-sync.js';
import { fileEmulator, harness, resetSellers, sellersArb, SHEET_ID } from '../testing/harness.fixture.js';
import { checkDegradation, getAggregatedMetrics, type RunMetrics } from './sync-metrics.js';

const emu = await fileEmulator();
afterAll(() => emu.close());
const F = 'Feature: sync-reliability-enhancement';
const PHASES = ['fetch', 'compare', 'update', 'verify'] as const;

async function storedMetrics(db: Kysely<Database>, runId: string) {
  const row = await db.selectFrom('sellers.sync_metrics').selectAll().where('audit_log_id', '=', runId).executeTakeFirstOrThrow();
  return row as unknown as { execution_time: RunMetrics['executionTime']; throughput: RunMetrics['throughput']; errors: RunMetrics['errors'] };
}

/** A past run with its metrics row, `minutesAgo` before `now`. */
async function pastRun(db: Kysely<Database>, r: { minutesAgo: number; totalMs: number; rps: number; ok: number; bad: number; phaseMs?: number }, now = Date.now()) {
  const id = randomUUID();
  const at = new Date(now - r.minutesAgo * 60_000);
  await db.insertInto('sellers.sync_audit_logs').values({ id, start_time: at, end_time: at, trigger_source: 'scheduled', status: 'completed', success_count: r.ok, failure_count: r.bad }).execute();
  const p = r.phaseMs ?? r.totalMs / 4;
  await db
    .insertInto('sellers.sync_metrics')
    .values({
      audit_log_id: id,
      execution_time: JSON.stringify({ unit: 'ms', fetch: p, compare: p, update: p, verify: p, total: r.totalMs }) as never,
      throughput: JSON.stringify({ recordsPerSecond: r.rps, totalRecords: r.ok + r.bad }) as never,
      errors: JSON.stringify({ network: 0, validation: r.bad, database: 0, unknown: 0 }) as never,
    })
    .execute();
}

describe('metrics properties', () => {
  test(`${F}, Property 23: Phase execution time recording`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6), async (sellers) => {
        await resetSellers(db);
        h.setSheet(sellers);
        const before = (await h.deps.metrics.phaseSeconds.get()).values.filter((v) => v.metricName?.endsWith('_count'));
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const m = await storedMetrics(db, s.runId);
        for (const p of PHASES) expect(m.execution_time[p]).toBeGreaterThan(0);
        // Phases run one after another inside the total.
        expect(PHASES.reduce((sum, p) => sum + m.execution_time[p], 0)).toBeLessThanOrEqual(m.execution_time.total + 1e-6);
        const after = (await h.deps.metrics.phaseSeconds.get()).values.filter((v) => v.metricName?.endsWith('_count'));
        for (const p of PHASES) {
          const count = (xs: typeof after) => xs.find((v) => v.labels.phase === p)?.value ?? 0;
          expect(count(after)).toBe(count(before) + 1);
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 24: Throughput metrics tracking`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(6, 1), fc.nat({ max: 3 }), async (sellers, nBad) => {
        await resetSellers(db);
        const rows = sellerSheet(sellers);
        const bad = Math.min(nBad, sellers.length);
        for (let i = 0; i < bad; i++) corruptCell(rows, 2 + i, 'missing-name');
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const m = await storedMetrics(db, s.runId);
        expect(m.throughput.totalRecords).toBe(sellers.length);
        expect(m.throughput.recordsPerSecond).toBeCloseTo(sellers.length / (m.execution_time.total / 1000), 6);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 25: Error categorization`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
    const error = fc.oneof(
      fc.constantFrom(429, 500, 503).map((st) => ({ err: new SheetsRequestError('values.get', st, 4, true) as Error, want: 'network' })),
      fc.nat().map((r) => ({ err: new RowValidationError(r + 2, null, 'name is required') as Error, want: 'validation' })),
      fc.constant({ err: new SheetHeaderError(['missing column Name'], ['Seller Number']) as Error, want: 'validation' }),
      fc.constantFrom('08006', '57P01', '23505', '40001', 'ECONNRESET').map((c) => ({ err: pgError(c), want: 'database' })),
      fc.string().map((m) => ({ err: new Error(m), want: 'unknown' })),
    );
    await fc.assert(
      fc.asyncProperty(error, sellersArb(4, 1), fc.nat({ max: 2 }), fc.boolean(), async ({ err, want }, sellers, nBad, sheetDown) => {
        expect(categorize(err)).toBe(want);
        // And in a real run: bad rows count as validation, an unreachable sheet as network.
        await resetSellers(db);
        emu.faults.reset();
        const rows = sellerSheet(sellers);
        const bad = Math.min(nBad, sellers.length);
        for (let i = 0; i < bad; i++) corruptCell(rows, 2 + i, 'bad-date');
        emu.store.putSheet(SHEET_ID, 'Sellers', rows);
        if (sheetDown) emu.faults.failNext(4, { kind: 'status', status: 500 });
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        emu.faults.reset();
        const m = await storedMetrics(db, s.runId);
        expect(m.errors).toEqual({ network: sheetDown ? 1 : 0, validation: sheetDown ? 0 : bad, database: 0, unknown: 0 });
        const types = await db.selectFrom('sellers.sync_error_logs').select('error_type').where('audit_log_id', '=', s.runId).execute();
        expect(types.map((t) => t.error_type)).toEqual(Array(sheetDown ? 1 : bad).fill(sheetDown ? 'network' : 'validation'));
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 26: Aggregated statistics`, async ({ db }) => {
    const run = fc.record({
      minutesAgo: fc.integer({ min: 0, max: 14 * 24 * 60 }),
      totalMs: fc.integer({ min: 1, max: 600_000 }),
      rps: fc.integer({ min: 1, max: 50_000 }),
      ok: fc.nat({ max: 1_000 }),
      bad: fc.nat({ max: 100 }),
    });
    // Some runs exactly `days` old, on purpose: the window's start is inclusive.
    const runsAndDays = fc.integer({ min: 1, max: 14 }).chain((days) =>
      fc.tuple(fc.array(fc.tuple(run, fc.boolean()).map(([r, edge]) => (edge ? { ...r, minutesAgo: days * 24 * 60 } : r)), { maxLength: 8 }), fc.constant(days)),
    );
    await fc.assert(
      fc.asyncProperty(runsAndDays, async ([runs, days]) => {
        await resetSellers(db);
        // One instant for seeding and the query: a slow run cannot move a row across the edge.
        const now = new Date();
        for (const r of runs) await pastRun(db, r, now.getTime());
        const got = await getAggregatedMetrics(db, days, now);
        const inWindow = runs.filter((r) => r.minutesAgo <= days * 24 * 60);
        expect(got.runs).toBe(inWindow.length);
        const records = inWindow.reduce((n, r) => n + r.ok + r.bad, 0);
        const expected = {
          averageSyncTime: inWindow.length ? inWindow.reduce((n, r) => n + r.totalMs, 0) / inWindow.length : 0,
          peakSyncTime: inWindow.length ? Math.max(...inWindow.map((r) => r.totalMs)) : 0,
          errorRate: records ? inWindow.reduce((n, r) => n + r.bad, 0) / records : 0,
          averageThroughput: inWindow.length ? inWindow.reduce((n, r) => n + r.rps, 0) / inWindow.length : 0,
        };
        for (const k of Object.keys(expected) as (keyof typeof expected)[]) expect(got[k]).toBeCloseTo(expected[k], 6);
        expect(got.errorRate >= 0 && got.errorRate <= 1).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 27: Performance degradation warnings`, async ({ db, redis, prefix }) => {
    const h = harness(db, redis, prefix, emu);
    await fc.assert(
      fc.asyncProperty(sellersArb(4, 1), fc.nat({ max: 5 }), fc.boolean(), async (sellers, history, wasFaster) => {
        await resetSellers(db);
        h.setSheet(sellers);
        // History 10^9 rows/s (any real run is degraded) or 10^-3 rows/s (none is), with 1 ms phases.
        for (let i = 0; i < history; i++) await pastRun(db, { minutesAgo: 10 + i, totalMs: 4, rps: wasFaster ? 1e9 : 1e-3, ok: 10, bad: 0, phaseMs: 1 });
        const lines: Record<string, unknown>[] = [];
        h.deps.log = createLogger({ service: 't', level: 'warn', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } });
        h.alerts.length = 0;
        const s = await runSync(h.deps, { id: randomUUID(), trigger: 'scheduled' });
        const warned = lines.filter((l) => l.msg === 'sync performance degraded');
        const degraded = history >= 3 && wasFaster;
        expect(warned).toHaveLength(degraded ? 1 : 0);
        expect(h.alerts.filter((a) => a.type === 'performance_degradation')).toHaveLength(degraded ? 1 : 0);
        if (!degraded) return;
        const w = warned[0]!.warning as { bottleneck: (typeof PHASES)[number]; phaseRatios: Record<string, number>; message: string };
        const m = await storedMetrics(db, s.runId);
        // The bottleneck is the phase that grew most against its 1 ms average.
        const slowest = PHASES.reduce((a, b) => (m.execution_time[b] > m.execution_time[a] ? b : a));
        expect(w.bottleneck).toBe(slowest);
        expect(w.message).toContain(`bottleneck: ${slowest}`);
        const row = await db.selectFrom('sellers.sync_audit_logs').select('summary').where('id', '=', s.runId).executeTakeFirstOrThrow();
        expect(row.summary).toMatchObject({ performanceWarning: { bottleneck: slowest } });
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 27: Performance degradation warnings (threshold and bottleneck against a model)`, async ({ db }) => {
    // The run-level test above sees only extreme histories; this one puts the current run on
    // either side of "below half the 7-day average throughput" and checks the named bottleneck.
    const phases = fc.record({ fetch: fc.integer({ min: 1, max: 1_000 }), compare: fc.integer({ min: 1, max: 1_000 }), update: fc.integer({ min: 1, max: 1_000 }), verify: fc.integer({ min: 1, max: 1_000 }) });
    const past = fc.record({ rps: fc.integer({ min: 1, max: 10_000 }), phases, daysAgo: fc.constantFrom(0, 1, 6, 8, 30) });
    // The current throughput as a share of the recent mean, often close to the 0.5 line.
    const share = fc.oneof(fc.double({ min: 0.01, max: 2, noNaN: true }), fc.constantFrom(0.3, 0.45, 0.49, 0.499, 0.501, 0.51, 0.55, 0.6, 0.7));
    await fc.assert(
      fc.asyncProperty(fc.array(past, { minLength: 2, maxLength: 6 }), share, phases, fc.nat({ max: 50 }), async (history, part, cur, records) => {
        await resetSellers(db);
        const now = Date.now();
        for (const h of history) {
          const id = randomUUID();
          const at = new Date(now - h.daysAgo * 864e5 - 60_000);
          await db.insertInto('sellers.sync_audit_logs').values({ id, start_time: at, end_time: at, trigger_source: 'scheduled', status: 'completed', success_count: 1, failure_count: 0 }).execute();
          await db.insertInto('sellers.sync_metrics').values({ audit_log_id: id, execution_time: { unit: 'ms', ...h.phases, total: 1 }, throughput: { recordsPerSecond: h.rps, totalRecords: 1 }, errors: {}, created_at: at }).execute();
        }
        // Model: the last 7 days, at least 3 runs, below half their mean throughput.
        const recent = history.filter((h) => h.daysAgo < 7);
        const meanRps = recent.length > 0 ? recent.reduce((a, h) => a + h.rps, 0) / recent.length : 100;
        const rps = meanRps * part;
        const ratio = part;
        const current: RunMetrics = { executionTime: { ...cur, total: 1 }, throughput: { recordsPerSecond: rps, totalRecords: records }, errors: { network: 0, validation: 0, database: 0, unknown: 0 } };
        fc.pre(Math.abs(ratio - 0.5) > 1e-9);
        const degraded = recent.length >= 3 && records > 0 && ratio < 0.5;
        const w = await checkDegradation(db, randomUUID(), current);
        expect(w !== null).toBe(degraded);
        if (!w) return;
        const phaseRatio = Object.fromEntries(PHASES.map((p) => [p, cur[p] / Math.max(1, recent.reduce((a, h) => a + h.phases[p], 0) / recent.length)]));
        const top = Math.max(...PHASES.map((p) => phaseRatio[p]!));
        fc.pre(PHASES.filter((p) => Math.abs(phaseRatio[p]! - top) < 1e-9).length === 1);
        const bottleneck = PHASES.find((p) => phaseRatio[p] === top)!;
        expect(w.bottleneck).toBe(bottleneck);
        expect(w.throughputRatio).toBeCloseTo(ratio, 9);
        expect(w.message).toContain(`bottleneck: ${bottleneck}`);
      }),
      { numRuns: 100 },
    );
  });
});
