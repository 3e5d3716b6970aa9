import fc from 'fast-check';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from './app.fixture.js';
import { STALE_RUN_MINUTES } from './queries/seller-sync.queries.js';
import { clearRuns, runArb, seedRuns, type SeededRun } from './seller-sync.fixture.js';

const F = 'Feature: sync-reliability-enhancement';
const runs = fc.array(runArb, { maxLength: 7 });
/** Runs, some exactly `edges` minutes old (the first exactly on the edge, later ones i ms older): window bounds get hit on purpose. */
const runsAtEdges = (...edges: number[]) =>
  fc.array(fc.tuple(runArb, fc.option(fc.constantFrom(...edges), { freq: 2 })).map(([r, edge]) => (edge === null ? r : { ...r, minutesAgo: edge })), { maxLength: 7 });
const live = (r: SeededRun) => r.status === 'in_progress' && r.idleMinutes < STALE_RUN_MINUTES;
const newest = <T>(xs: T[], by: (x: T) => number) => xs.reduce<T | undefined>((a, b) => (a === undefined || by(b) > by(a) ? b : a), undefined);
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

describe('seller-sync admin API properties', () => {
  test(`${F}, Property 13: Manual sync status display`, async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    const viewer = await createAccount(db, tokens, 'viewer');
    try {
      await fc.assert(
        fc.asyncProperty(runs, async (specs) => {
          await clearRuns(db);
          const seeded = await seedRuns(db, specs);
          const res = await app.inject({ url: '/api/seller-sync/status', headers: viewer.auth });
          expect(res.statusCode).toBe(200);
          const body = res.json();
          const running = newest(seeded.filter(live), (r) => r.start.getTime());
          const last = newest(seeded.filter((r) => r.end !== null), (r) => r.end!.getTime());
          expect(body.isRunning).toBe(running !== undefined);
          expect(body.current?.syncId ?? null).toBe(running?.id ?? null);
          if (running) expect(body.current.progress).toMatchObject({ phase: 'syncing', processed: running.ok, errors: running.bad });
          expect(body.lastSyncTime).toBe(iso(last?.end));
          expect(body.lastSync?.status ?? null).toBe(last?.status ?? null);
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test(`${F}, Property 17: Concurrent sync prevention`, async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    const admin = await createAccount(db, tokens, 'admin');
    try {
      await fc.assert(
        fc.asyncProperty(runs, fc.integer({ min: 1, max: 3 }), async (specs, triggers) => {
          await clearRuns(db);
          await producer.queue('seller-sync').obliterate({ force: true });
          const seeded = await seedRuns(db, specs);
          const running = newest(seeded.filter(live), (r) => r.start.getTime());
          const answers = [];
          for (let i = 0; i < triggers; i++) answers.push(await app.inject({ method: 'POST', url: '/api/seller-sync/syncs', headers: admin.auth }));
          const jobs = await producer.queue('seller-sync').getJobs(['waiting', 'active', 'delayed', 'prioritized']);
          if (running) {
            // Nothing started; every caller is shown the sync already running.
            for (const a of answers) expect(a.statusCode, a.body).toBe(200), expect(a.json()).toMatchObject({ alreadyRunning: true, sync: { syncId: running.id, status: 'in_progress' } });
            expect(jobs).toHaveLength(0);
          } else {
            // One job; later triggers join it instead of queueing another.
            for (const a of answers) expect(a.statusCode, a.body).toBe(202);
            expect(new Set(answers.map((a) => a.json().syncId)).size).toBe(1);
            expect(jobs).toHaveLength(1);
            expect(jobs[0]!.data).toMatchObject({ syncId: answers[0]!.json().syncId, trigger: 'manual', requestedBy: admin.username });
          }
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test(`${F}, Property 18: Dashboard sync times`, async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    const viewer = await createAccount(db, tokens, 'viewer');
    try {
      await fc.assert(
        fc.asyncProperty(runs, fc.option(fc.integer({ min: 1, max: 1_440 }), { nil: null }), async (specs, everyMinutes) => {
          await clearRuns(db);
          await producer.queue('seller-sync').obliterate({ force: true });
          // What seller-sync's applySchedule does with syncIntervalMinutes.
          if (everyMinutes !== null) await producer.schedule('seller-sync', 'sync-sellers', { syncId: '00000000-0000-4000-8000-000000000000', trigger: 'scheduled' }, { every: everyMinutes * 60_000 });
          const seeded = await seedRuns(db, specs);
          const body = (await app.inject({ url: '/api/seller-sync/dashboard', headers: viewer.auth })).json();
          const lastOk = newest(seeded.filter((r) => r.status === 'completed'), (r) => r.end!.getTime());
          expect(body.lastSuccessfulSync).toBe(iso(lastOk?.end));
          const scheduler = await producer.queue('seller-sync').getJobScheduler('sync-sellers');
          expect(body.nextScheduledSync).toBe(everyMinutes === null ? null : new Date(scheduler!.next!).toISOString());
          if (everyMinutes !== null) expect(Date.parse(body.nextScheduledSync)).toBeLessThanOrEqual(Date.now() + everyMinutes * 60_000);
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test(`${F}, Property 19: Dashboard success rates`, async ({ db, prefix }) => {
    // The dashboard's clock is pinned to the instant the runs were seeded against, so a slow
    // run cannot move a row across a window edge between seeding and the request.
    let pinned = Date.now();
    const { app, tokens, close } = await startApp({ db, prefix }, { now: () => new Date(pinned) });
    const viewer = await createAccount(db, tokens, 'viewer');
    try {
      await fc.assert(
        fc.asyncProperty(runsAtEdges(24 * 60, 7 * 24 * 60), async (specs) => {
          await clearRuns(db);
          pinned = Date.now();
          const seeded = await seedRuns(db, specs, pinned);
          const body = (await app.inject({ url: '/api/seller-sync/dashboard', headers: viewer.auth })).json();
          const rate = (hours: number) => {
            // A window includes its start instant: a run exactly `hours` old counts.
            const inside = seeded.filter((r) => r.start.getTime() >= pinned - hours * 3_600_000);
            const finished = inside.filter((r) => r.status === 'completed' || r.status === 'failed');
            return finished.length === 0 ? null : finished.filter((r) => r.status === 'completed').length / finished.length;
          };
          expect(body.successRate24h).toBe(rate(24));
          expect(body.successRate7d).toBe(rate(24 * 7));
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test(`${F}, Property 20: Dashboard gap count`, async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    const viewer = await createAccount(db, tokens, 'viewer');
    try {
      await fc.assert(
        fc.asyncProperty(runs, async (specs) => {
          await clearRuns(db);
          const seeded = await seedRuns(db, specs);
          const body = (await app.inject({ url: '/api/seller-sync/dashboard', headers: viewer.auth })).json();
          const verified = newest(seeded.filter((r) => r.remainingGaps !== null), (r) => r.start.getTime());
          expect(body.currentGapCount).toBe(verified?.remainingGaps?.length ?? 0);
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test(`${F}, Property 21: Dashboard recent alerts`, async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    const viewer = await createAccount(db, tokens, 'viewer');
    const alert = fc.record({
      source: fc.constantFrom('seller-sync', 'device-poller'),
      severity: fc.constantFrom('high' as const, 'medium' as const, 'low' as const),
      minutesAgo: fc.integer({ min: 0, max: 10_000 }),
    });
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(alert, { maxLength: 8 }), fc.integer({ min: 1, max: 5 }), async (alerts, limit) => {
          await db.deleteFrom('platform.sync_alerts').execute();
          const now = Date.now();
          const stored = [];
          for (const [i, a] of alerts.entries()) {
            const at = new Date(now - a.minutesAgo * 60_000 - i);
            const row = await db
              .insertInto('platform.sync_alerts')
              .values({ source: a.source, severity: a.severity, type: `${a.source}.test`, message: `alert ${i}`, dedupe_key: `k${i}`, first_seen_at: at, last_seen_at: at })
              .returning('id')
              .executeTakeFirstOrThrow();
            stored.push({ ...a, id: row.id, at });
          }
          const body = (await app.inject({ url: `/api/seller-sync/dashboard?alerts=${limit}`, headers: viewer.auth })).json();
          const want = stored.filter((a) => a.source === 'seller-sync').sort((x, y) => y.at.getTime() - x.at.getTime()).slice(0, limit);
          expect(body.recentAlerts.map((a: { id: string; severity: string; lastSeenAt: string }) => [a.id, a.severity, a.lastSeenAt])).toEqual(want.map((a) => [a.id, a.severity, a.at.toISOString()]));
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test(`${F}, Property 22: Dashboard trend data`, async ({ db, prefix }) => {
    let pinned = Date.now();
    const { app, tokens, close } = await startApp({ db, prefix }, { now: () => new Date(pinned) });
    const viewer = await createAccount(db, tokens, 'viewer');
    try {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 10 }).chain((days) => fc.tuple(runsAtEdges(days * 24 * 60), fc.constant(days))), async ([specs, days]) => {
          await clearRuns(db);
          pinned = Date.now();
          const seeded = await seedRuns(db, specs, pinned);
          const body = (await app.inject({ url: `/api/seller-sync/dashboard?trendDays=${days}`, headers: viewer.auth })).json();
          const want = seeded
            .filter((r) => r.status !== 'in_progress' && r.start.getTime() >= pinned - days * 864e5)
            .sort((a, b) => a.start.getTime() - b.start.getTime())
            .map((r) => ({ syncId: r.id, status: r.status, timestamp: r.start.toISOString(), successCount: r.ok, failureCount: r.bad, durationMs: r.end!.getTime() - r.start.getTime() }));
          expect(body.trend).toEqual(want);
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });
});
