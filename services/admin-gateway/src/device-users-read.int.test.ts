import type { Database, Kysely, MappingStatus } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, insertDevice, startApp } from './app.fixture.js';
import { insertBufferUser, insertConflict } from './seed.fixture.js';

/** History samples as device-poller writes them: ids sorted, count = length, at the given times. */
async function samples(db: Kysely<Database>, deviceId: number, ...sets: Array<{ ids: string[]; at: Date }>) {
  for (const s of sets) {
    await db
      .insertInto('attendance.device_user_count_history')
      .values({ device_id: deviceId, user_count: s.ids.length, user_ids: JSON.stringify([...s.ids].sort()), recorded_at: s.at })
      .execute();
  }
}

const t = (minutes: number) => new Date(Date.parse('2026-10-01T08:00:00Z') + minutes * 60_000);

describe('device-user read routes', () => {
  test('GET /api/device-users/buffer/statistics counts the buffer per status, for all devices or one', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const [a, b, empty] = [await insertDevice(db), await insertDevice(db), await insertDevice(db)];
      const rows: Array<[number, MappingStatus]> = [[a, 'unmapped'], [a, 'unmapped'], [a, 'mapped'], [a, 'conflict'], [b, 'unmapped'], [b, 'ignored'], [b, 'mapped'], [b, 'mapped']];
      let n = 100;
      for (const [device, status] of rows) await insertBufferUser(db, { device_id: device, device_user_id: String(n++), mapping_status: status });
      const stats = async (query = '') => {
        const res = await app.inject({ url: `/api/device-users/buffer/statistics${query}`, headers: viewer.auth });
        expect(res.statusCode).toBe(200);
        return res.json();
      };
      expect(await stats(`?deviceId=${a}`)).toEqual({ total: 4, unmapped: 2, mapped: 1, conflict: 1, ignored: 0 });
      expect(await stats(`?deviceId=${b}`)).toEqual({ total: 4, unmapped: 1, mapped: 2, conflict: 0, ignored: 1 });
      expect(await stats(`?deviceId=${empty}`)).toEqual({ total: 0, unmapped: 0, mapped: 0, conflict: 0, ignored: 0 });
      const all = await stats();
      expect(all.total).toBe(all.unmapped + all.mapped + all.conflict + all.ignored);
      expect(all).toMatchObject({ unmapped: 3, mapped: 3, conflict: 1, ignored: 1 });

      expect((await app.inject({ url: '/api/device-users/buffer/statistics' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/device-users/buffer/statistics?deviceId=abc', headers: viewer.auth })).statusCode).toBe(400);
    } finally {
      await close();
    }
  });

  test('GET /api/device-users/conflicts lists unresolved ones by default, oldest first, filtered and paged', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const [a, b] = [await insertDevice(db), await insertDevice(db)];
      const ids: number[] = [];
      for (const [device, user] of [[a, '1'], [b, '2'], [a, '3'], [a, '4']] as const) {
        ids.push(await insertConflict(db, { deviceId: device, deviceUserId: user, deviceData: { name: `dev ${user}` }, databaseData: { fullName: `staff ${user}` } }));
      }
      await db.updateTable('attendance.user_conflicts').set({ detected_at: t(0) }).where('id', 'in', ids).execute();
      await db.updateTable('attendance.user_conflicts').set({ detected_at: t(-5) }).where('id', '=', ids[3]!).execute();
      await db
        .updateTable('attendance.user_conflicts')
        .set({ resolved: true, resolved_at: t(10), resolved_by: 'ana', resolution_strategy: 'use_device', resolution_notes: 'checked' })
        .where('id', '=', ids[2]!)
        .execute();
      const list = async (query: string) => {
        const res = await app.inject({ url: `/api/device-users/conflicts${query}`, headers: viewer.auth });
        expect(res.statusCode).toBe(200);
        return res.json();
      };

      const open = await list(`?deviceId=${a}`);
      expect(open.items.map((c: { id: number }) => c.id)).toEqual([ids[3], ids[0]]); // detected_at first, then id
      expect(open).toMatchObject({ total: 2, limit: 50, offset: 0 });
      expect(open.items[1]).toEqual({
        id: ids[0], deviceId: a, deviceUserId: '1', conflictType: 'attribute_mismatch', deviceData: { name: 'dev 1' }, databaseData: { fullName: 'staff 1' },
        detectedAt: t(0).toISOString(), resolved: false, resolvedAt: null, resolvedBy: null, resolutionStrategy: null, resolutionNotes: null,
      });
      const resolved = await list(`?deviceId=${a}&resolved=true`);
      expect(resolved.items).toEqual([expect.objectContaining({ id: ids[2], resolved: true, resolvedBy: 'ana', resolutionStrategy: 'use_device', resolvedAt: t(10).toISOString() })]);
      const all = await list('');
      expect(all.items.map((c: { id: number }) => c.id)).toEqual([ids[3], ids[0], ids[1]]);
      const second = await list('?limit=1&offset=1');
      expect(second).toMatchObject({ total: 3, limit: 1, offset: 1, items: [{ id: ids[0] }] });

      expect((await app.inject({ url: '/api/device-users/conflicts' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/device-users/conflicts?resolved=yes', headers: viewer.auth })).statusCode).toBe(400);
    } finally {
      await close();
    }
  });

  test('GET /api/device-users/monitoring/status: decreased when users of the previous sample are gone, whatever the count', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const d = {
        never: await insertDevice(db),
        once: await insertDevice(db),
        dropped: await insertDevice(db),
        grew: await insertDevice(db),
        swapped: await insertDevice(db),
        recovered: await insertDevice(db),
        sameInstant: await insertDevice(db),
        broken: await insertDevice(db),
      };
      await samples(db, d.once, { ids: ['1', '2'], at: t(0) });
      await samples(db, d.dropped, { ids: ['1', '2', '3'], at: t(0) }, { ids: ['1', '3'], at: t(5) });
      await samples(db, d.grew, { ids: ['1', '2'], at: t(0) }, { ids: ['1', '2', '3'], at: t(5) });
      // As many users left as arrived: the count holds, user 3 is still gone.
      await samples(db, d.swapped, { ids: ['1', '2', '3'], at: t(0) }, { ids: ['1', '2', '4'], at: t(5) });
      // Only the two latest samples count: a drop that was followed by a full set again is over.
      await samples(db, d.recovered, { ids: ['1', '2'], at: t(0) }, { ids: ['1'], at: t(5) }, { ids: ['1', '2'], at: t(10) });
      // Stamped alike: the later row (higher id) is the latest.
      await samples(db, d.sameInstant, { ids: ['1', '2'], at: t(0) }, { ids: ['1'], at: t(0) });
      await samples(db, d.broken, { ids: ['1', '2'], at: t(0) }, { ids: ['1'], at: t(5) });
      await db.insertInto('platform.device_health').values({ device_id: d.broken, breaker_state: 'open', last_contact_at: t(6) }).execute();

      const res = await app.inject({ url: '/api/device-users/monitoring/status', headers: viewer.auth });
      expect(res.statusCode).toBe(200);
      const byId = new Map(res.json().items.map((i: { deviceId: number }) => [i.deviceId, i]));
      const status = (id: number) => byId.get(id) as Record<string, unknown>;
      expect(status(d.never)).toMatchObject({ status: 'unknown', currentCount: null, previousCount: null, recordedAt: null, lastContactAt: null });
      expect(status(d.once)).toMatchObject({ status: 'ok', currentCount: 2, previousCount: null, recordedAt: t(0).toISOString() });
      expect(status(d.dropped)).toMatchObject({ status: 'decreased', currentCount: 2, previousCount: 3, recordedAt: t(5).toISOString() });
      expect(status(d.grew)).toMatchObject({ status: 'ok', currentCount: 3, previousCount: 2 });
      expect(status(d.swapped)).toMatchObject({ status: 'decreased', currentCount: 3, previousCount: 3 });
      expect(status(d.recovered)).toMatchObject({ status: 'ok', currentCount: 2, previousCount: 1, recordedAt: t(10).toISOString() });
      expect(status(d.sameInstant)).toMatchObject({ status: 'decreased', currentCount: 1, previousCount: 2 });
      expect(status(d.broken)).toMatchObject({ status: 'unreachable', currentCount: 1, previousCount: 2, lastContactAt: t(6).toISOString() });
      expect((await app.inject({ url: '/api/device-users/monitoring/status' })).statusCode).toBe(401);
    } finally {
      await close();
    }
  });

  test('GET /api/device-users/monitoring/history: one device, newest first, from inclusive, to exclusive, paged', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      // Minutes far from the other tests' samples (one database per file).
      const h = (minutes: number) => t(100_000 + minutes);
      const [a, b] = [await insertDevice(db), await insertDevice(db)];
      await samples(db, a, { ids: ['1'], at: h(0) }, { ids: ['1', '2'], at: h(5) }, { ids: ['2'], at: h(10) }, { ids: ['2', '3'], at: h(15) });
      await samples(db, b, { ids: ['9'], at: h(5) });
      const history = async (query: string) => {
        const res = await app.inject({ url: `/api/device-users/monitoring/history?${query}`, headers: viewer.auth });
        expect(res.statusCode).toBe(200);
        return res.json();
      };

      const all = await history(`deviceId=${a}`);
      expect(all.total).toBe(4);
      expect(all.items.map((i: { recordedAt: string }) => i.recordedAt)).toEqual([h(15), h(10), h(5), h(0)].map((x) => x.toISOString()));
      expect(all.items[0]).toEqual({ id: expect.any(Number), deviceId: a, userCount: 2, userIds: ['2', '3'], recordedAt: h(15).toISOString() });

      const range = await history(`deviceId=${a}&from=${h(5).toISOString()}&to=${h(15).toISOString()}`);
      expect(range.items.map((i: { userIds: string[] }) => i.userIds)).toEqual([['2'], ['1', '2']]);
      expect(range.total).toBe(2);
      const paged = await history(`deviceId=${a}&limit=1&offset=2`);
      expect(paged).toMatchObject({ total: 4, limit: 1, offset: 2, items: [{ userIds: ['1', '2'] }] });
      const both = await history(`from=${h(5).toISOString()}&to=${h(6).toISOString()}`);
      expect(both.items.map((i: { deviceId: number }) => i.deviceId).sort()).toEqual([a, b].sort());

      expect((await app.inject({ url: '/api/device-users/monitoring/history' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/device-users/monitoring/history?from=yesterday', headers: viewer.auth })).statusCode).toBe(400);
    } finally {
      await close();
    }
  });
});
