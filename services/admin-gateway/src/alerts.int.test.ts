import { randomUUID } from 'node:crypto';
import type { AlertDeliveries, AlertSeverity, Database, Kysely } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp } from './app.fixture.js';

// Rows alert-dispatcher would have written. The tests in this file share one
// database (per file), so each test uses its own sources or starts from empty tables.

interface SeedAlert {
  source: string;
  type: string;
  severity: AlertSeverity;
  acknowledged?: boolean;
  createdAt: string;
  lastSeenAt: string;
  occurrences?: number;
  deliveries?: AlertDeliveries;
}

async function insertAlert(db: Kysely<Database>, a: SeedAlert): Promise<string> {
  const row = await db
    .insertInto('platform.sync_alerts')
    .values({
      source: a.source,
      type: a.type,
      severity: a.severity,
      message: `${a.type} from ${a.source}`,
      details: { seeded: true },
      dedupe_key: `${a.source}/${a.type}.${randomUUID()}`,
      occurrences: a.occurrences ?? 1,
      first_seen_at: new Date(a.createdAt),
      last_seen_at: new Date(a.lastSeenAt),
      created_at: new Date(a.createdAt),
      deliveries: a.deliveries ?? {},
      acknowledged: a.acknowledged ?? false,
      acknowledged_at: a.acknowledged ? new Date(a.lastSeenAt) : null,
      acknowledged_by: a.acknowledged ? 'seed' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const auditRows = (db: Kysely<Database>, action: string) =>
  db.selectFrom('platform.admin_audit_log').selectAll().where('action', '=', action).execute();

describe('alert routes', () => {
  test('every combination of filters returns exactly the matching alerts, newest first, paginated', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      await db.deleteFrom('platform.sync_alerts').execute();
      const viewer = await createAccount(db, tokens, 'viewer');
      const seeds: SeedAlert[] = [
        { source: 'device-poller', type: 'device.unreachable', severity: 'high', createdAt: '2026-11-20T01:00:00Z', lastSeenAt: '2026-11-22T09:00:00Z' },
        { source: 'device-poller', type: 'no_sync', severity: 'low', acknowledged: true, createdAt: '2026-11-20T02:00:00Z', lastSeenAt: '2026-11-20T03:00:00Z' },
        { source: 'seller-sync', type: 'no_sync', severity: 'high', createdAt: '2026-11-21T01:00:00Z', lastSeenAt: '2026-11-21T01:00:00Z' },
        { source: 'seller-sync', type: 'device.unreachable', severity: 'medium', acknowledged: true, createdAt: '2026-11-21T02:00:00Z', lastSeenAt: '2026-11-22T10:00:00Z' },
        { source: 'meter-sync', type: 'no_sync', severity: 'low', createdAt: '2026-11-22T01:00:00Z', lastSeenAt: '2026-11-22T11:00:00Z' },
        { source: 'device-poller', type: 'no_sync', severity: 'high', createdAt: '2026-11-22T02:00:00Z', lastSeenAt: '2026-11-22T02:00:00Z' },
      ];
      const ids: string[] = [];
      for (const s of seeds) ids.push(await insertAlert(db, s));
      const newestFirst = seeds.map((s, i) => ({ ...s, id: ids[i]! })).reverse();

      const since = '2026-11-22T00:00:00Z';
      let checked = 0;
      for (const open of [undefined, 'true', 'false'] as const)
        for (const source of [undefined, 'device-poller', 'seller-sync'])
          for (const type of [undefined, 'no_sync', 'device.unreachable'])
            for (const severity of [undefined, 'high', 'low'] as const)
              for (const sinceValue of [undefined, since]) {
                const query = Object.fromEntries(
                  Object.entries({ open, source, type, severity, since: sinceValue }).filter(([, v]) => v !== undefined),
                ) as Record<string, string>;
                const expected = newestFirst
                  .filter((s) => open === undefined || (s.acknowledged ?? false) === (open === 'false'))
                  .filter((s) => source === undefined || s.source === source)
                  .filter((s) => type === undefined || s.type === type)
                  .filter((s) => severity === undefined || s.severity === severity)
                  .filter((s) => sinceValue === undefined || s.lastSeenAt >= sinceValue)
                  .map((s) => s.id);
                const res = await app.inject({ url: '/api/alerts', query, headers: viewer.auth });
                expect(res.statusCode, JSON.stringify(query)).toBe(200);
                expect({ query, ids: res.json().items.map((a: { id: string }) => a.id) }).toEqual({ query, ids: expected });
                expect(res.json().total).toBe(expected.length);
                checked++;
              }
      expect(checked).toBe(162);

      const pages = [];
      for (const offset of [0, 2, 4]) {
        const res = await app.inject({ url: '/api/alerts', query: { limit: '2', offset: String(offset) }, headers: viewer.auth });
        expect(res.json()).toMatchObject({ total: 6, limit: 2, offset });
        pages.push(...res.json().items.map((a: { id: string }) => a.id));
      }
      expect(pages).toEqual(newestFirst.map((s) => s.id));

      const bad = await app.inject({ url: '/api/alerts', query: { severity: 'urgent', since: 'yesterday' }, headers: viewer.auth });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring.severity', 'querystring.since']);
    } finally {
      await close();
    }
  });

  test('one alert shows camelCase fields, per-channel delivery status and its latest occurrences', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const id = await insertAlert(db, {
        source: 'backup-worker',
        type: 'backup.failed',
        severity: 'high',
        occurrences: 3,
        createdAt: '2026-11-22T08:00:00Z',
        lastSeenAt: '2026-11-22T08:10:00Z',
        deliveries: {
          email: { status: 'sent', round: 1, attempts: 2, at: '2026-11-22T08:00:05Z', messageId: '<alert.x.1@host>', log: [] },
          webhook: { status: 'retrying', round: 1, attempts: 1, at: '2026-11-22T08:00:01Z', error: 'connect ECONNREFUSED' },
          legacy: { status: 'sent', at: '2026-11-22T08:00:00Z' },
        },
      });
      const silence = await db
        .insertInto('platform.alert_silences')
        .values({ type: 'backup.failed', reason: 'disk swap', created_by: 'ana', starts_at: new Date('2026-11-22T08:01:00Z'), ends_at: new Date('2026-11-22T09:00:00Z') })
        .returning('id')
        .executeTakeFirstOrThrow();
      const receipts = [
        { alert_id: randomUUID(), round: 1, silence_id: null, at: '2026-11-22T08:00:00Z' },
        { alert_id: randomUUID(), round: null, silence_id: silence.id, at: '2026-11-22T08:05:00Z' },
        { alert_id: randomUUID(), round: null, silence_id: silence.id, at: '2026-11-22T08:10:00Z' },
      ];
      await db
        .insertInto('platform.alert_receipts')
        .values(receipts.map((r) => ({ alert_id: r.alert_id, sync_alert_id: id, round: r.round, silence_id: r.silence_id, occurred_at: new Date(r.at), received_at: new Date(r.at) })))
        .execute();

      const res = await app.inject({ url: `/api/alerts/${id}`, headers: viewer.auth });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id,
        source: 'backup-worker',
        type: 'backup.failed',
        severity: 'high',
        occurrences: 3,
        firstSeenAt: '2026-11-22T08:00:00.000Z',
        lastSeenAt: '2026-11-22T08:10:00.000Z',
        acknowledged: false,
        acknowledgedBy: null,
        details: { seeded: true },
        deliveries: {
          email: { status: 'sent', round: 1, attempts: 2, at: '2026-11-22T08:00:05Z', error: null, messageId: '<alert.x.1@host>' },
          webhook: { status: 'retrying', round: 1, attempts: 1, error: 'connect ECONNREFUSED', messageId: null },
          legacy: { status: 'sent', round: null, attempts: 0 },
        },
      });
      expect(res.json().recentOccurrences).toEqual(
        [...receipts].reverse().map((r) => ({
          alertId: r.alert_id,
          occurredAt: new Date(r.at).toISOString(),
          receivedAt: new Date(r.at).toISOString(),
          round: r.round,
          silenceId: r.silence_id,
        })),
      );

      const listed = await app.inject({ url: '/api/alerts', query: { source: 'backup-worker' }, headers: viewer.auth });
      expect(listed.json().items[0]).toMatchObject({ id, occurrences: 3, deliveries: { webhook: { status: 'retrying' } } });

      const missing = await app.inject({ url: `/api/alerts/${randomUUID()}`, headers: viewer.auth });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((await app.inject({ url: '/api/alerts/42', headers: viewer.auth })).statusCode).toBe(400);
    } finally {
      await close();
    }
  });

  test('acknowledge flips the row and writes one audit row; a second acknowledge is a 409 that changes nothing', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const id = await insertAlert(db, { source: 'exchange-hub', type: 'packet.rejected', severity: 'medium', createdAt: '2026-11-22T08:00:00Z', lastSeenAt: '2026-11-22T08:00:00Z' });

      const ack = await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: admin.auth });
      expect(ack.statusCode).toBe(200);
      expect(ack.json()).toMatchObject({ id, acknowledged: true, acknowledgedBy: admin.username, acknowledgedAt: expect.any(String) });
      const row = await db.selectFrom('platform.sync_alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ acknowledged: true, acknowledged_by: admin.username });
      expect(row.acknowledged_at).toBeInstanceOf(Date);
      const audit = await auditRows(db, 'alert.acknowledge');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor: admin.username, target_type: 'sync_alert', target_id: id, outcome: 'succeeded' });

      const again = await app.inject({ method: 'POST', url: `/api/alerts/${id}/acknowledge`, headers: admin.auth });
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(again.json().detail).toContain(admin.username);
      expect(await auditRows(db, 'alert.acknowledge')).toHaveLength(1);
      const after = await db.selectFrom('platform.sync_alerts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(after.acknowledged_at).toEqual(row.acknowledged_at);

      const missing = await app.inject({ method: 'POST', url: `/api/alerts/${randomUUID()}/acknowledge`, headers: admin.auth });
      expect(missing.statusCode).toBe(404);
      expect(await auditRows(db, 'alert.acknowledge')).toHaveLength(1);
    } finally {
      await close();
    }
  });

  test('silences: create, list active, expire, history; expiring twice or after the end is a 409', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      await db.deleteFrom('platform.alert_silences').execute();
      const admin = await createAccount(db, tokens, 'admin');
      const created = await app.inject({
        method: 'POST',
        url: '/api/alert-silences',
        headers: admin.auth,
        payload: { source: 'device-poller', type: 'device.unreachable', durationSeconds: 3600, reason: '  rewiring the office  ' },
      });
      expect(created.statusCode).toBe(201);
      const silence = created.json();
      expect(silence).toMatchObject({ source: 'device-poller', type: 'device.unreachable', reason: 'rewiring the office', createdBy: admin.username, active: true, expiredAt: null });
      expect(Date.parse(silence.endsAt) - Date.parse(silence.startsAt)).toBe(3_600_000);
      const typeOnly = await app.inject({ method: 'POST', url: '/api/alert-silences', headers: admin.auth, payload: { type: 'no_sync', durationSeconds: 60, reason: 'known outage' } });
      expect(typeOnly.statusCode).toBe(201);
      expect(typeOnly.json()).toMatchObject({ source: null, type: 'no_sync' });
      // Ended on its own an hour ago: history only, and not expirable.
      const ended = await db
        .insertInto('platform.alert_silences')
        .values({ source: 'seller-sync', reason: 'old', created_by: 'ana', starts_at: new Date(Date.now() - 7_200_000), ends_at: new Date(Date.now() - 3_600_000) })
        .returning('id')
        .executeTakeFirstOrThrow();

      const ids = async (query: Record<string, string> = {}) => {
        const res = await app.inject({ url: '/api/alert-silences', query, headers: admin.auth });
        expect(res.statusCode).toBe(200);
        expect(res.json().total).toBe(res.json().items.length);
        return res.json().items.map((s: { id: string }) => s.id);
      };
      // Active ones soonest-ending first.
      expect(await ids()).toEqual([typeOnly.json().id, silence.id]);

      const expired = await app.inject({ method: 'POST', url: `/api/alert-silences/${silence.id}/expire`, headers: admin.auth });
      expect(expired.statusCode).toBe(200);
      expect(expired.json()).toMatchObject({ id: silence.id, active: false, expiredBy: admin.username, expiredAt: expect.any(String) });
      expect(await ids()).toEqual([typeOnly.json().id]);
      expect((await ids({ all: 'true' })).sort()).toEqual([silence.id, typeOnly.json().id, ended.id].sort());

      const twice = await app.inject({ method: 'POST', url: `/api/alert-silences/${silence.id}/expire`, headers: admin.auth });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().detail).toMatch(/already expired/);
      const over = await app.inject({ method: 'POST', url: `/api/alert-silences/${ended.id}/expire`, headers: admin.auth });
      expect(over.statusCode).toBe(409);
      expect(over.json().detail).toMatch(/already ended/);
      const missing = await app.inject({ method: 'POST', url: `/api/alert-silences/${randomUUID()}/expire`, headers: admin.auth });
      expect(missing.statusCode).toBe(404);

      expect(await auditRows(db, 'alert-silence.create')).toHaveLength(2);
      const expiries = await auditRows(db, 'alert-silence.expire');
      expect(expiries).toHaveLength(1);
      expect(expiries[0]).toMatchObject({ actor: admin.username, target_type: 'alert_silence', target_id: silence.id });
    } finally {
      await close();
    }
  });

  test('a silence without source and type, a duration out of bounds or no reason is a 400 naming the fields, and nothing is written', async ({
    db,
    prefix,
  }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const before = await db.selectFrom('platform.alert_silences').select('id').execute();
      const auditBefore = await db.selectFrom('platform.admin_audit_log').select('id').execute();
      const cases: [object, string[]][] = [
        [{ durationSeconds: 600, reason: 'why' }, ['body.source', 'body.type']],
        [{ source: null, type: null, durationSeconds: 600, reason: 'why' }, ['body.source', 'body.type']],
        [{ type: 'no_sync', durationSeconds: 59, reason: 'why' }, ['body.durationSeconds']],
        [{ type: 'no_sync', durationSeconds: 30 * 24 * 3600 + 1, reason: 'why' }, ['body.durationSeconds']],
        [{ type: 'no_sync', durationSeconds: 600, reason: '   ' }, ['body.reason']],
        [{ type: 'no_sync', durationSeconds: 600 }, ['body.reason']],
        [{ source: 'Device Poller', durationSeconds: 600, reason: 'why' }, ['body.source']],
        [{ type: 'x'.repeat(101), durationSeconds: 600, reason: 'why' }, ['body.type']],
        [{ type: 'a\u0000b', durationSeconds: 600, reason: 'why' }, ['body.type']],
      ];
      for (const [payload, paths] of cases) {
        const res = await app.inject({ method: 'POST', url: '/api/alert-silences', headers: admin.auth, payload });
        expect({ payload, status: res.statusCode }).toEqual({ payload, status: 400 });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect({ payload, paths: res.json().errors.map((e: { path: string }) => e.path).sort() }).toEqual({ payload, paths });
      }
      const none = await app.inject({ method: 'POST', url: '/api/alert-silences', headers: admin.auth, payload: { durationSeconds: 600, reason: 'why' } });
      expect(none.json().detail).toMatch(/set source, type or both/);
      expect(await db.selectFrom('platform.alert_silences').select('id').execute()).toEqual(before);
      expect(await db.selectFrom('platform.admin_audit_log').select('id').execute()).toEqual(auditBefore);
    } finally {
      await close();
    }
  });

  test('a viewer reads alerts and silences but every write is a 403 that changes nothing', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const id = await insertAlert(db, { source: 'alert-dispatcher', type: 'no_sync', severity: 'high', createdAt: '2026-11-22T08:00:00Z', lastSeenAt: '2026-11-22T08:00:00Z' });
      const silence = await db
        .insertInto('platform.alert_silences')
        .values({ source: 'alert-dispatcher', reason: 'viewer test', created_by: 'ana', ends_at: new Date(Date.now() + 3_600_000) })
        .returning('id')
        .executeTakeFirstOrThrow();
      const state = async () =>
        JSON.stringify(
          await Promise.all([
            db.selectFrom('platform.sync_alerts').selectAll().orderBy('id').execute(),
            db.selectFrom('platform.alert_silences').selectAll().orderBy('id').execute(),
            db.selectFrom('platform.admin_audit_log').selectAll().orderBy('id').execute(),
          ]),
        );
      const before = await state();

      for (const url of ['/api/alerts', `/api/alerts/${id}`, '/api/alert-silences', '/api/alert-silences?all=true']) {
        expect({ url, status: (await app.inject({ url, headers: viewer.auth })).statusCode }).toEqual({ url, status: 200 });
      }
      const writes = [
        { url: `/api/alerts/${id}/acknowledge`, payload: {} },
        { url: '/api/alert-silences', payload: { source: 'alert-dispatcher', durationSeconds: 600, reason: 'viewer' } },
        { url: `/api/alert-silences/${silence.id}/expire`, payload: {} },
      ];
      for (const w of writes) {
        const res = await app.inject({ method: 'POST', url: w.url, headers: viewer.auth, payload: w.payload });
        expect({ url: w.url, status: res.statusCode }).toEqual({ url: w.url, status: 403 });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(await state()).toBe(before);
    } finally {
      await close();
    }
  });
});
