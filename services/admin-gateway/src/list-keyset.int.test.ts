import { randomUUID } from 'node:crypto';
import type { Database, Kysely } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, insertDevice, startApp, type TestApp } from './app.fixture.js';
import { insertBufferUser } from './seed.fixture.js';

// Keyset pages of the buffer and alert lists: walking `nextCursor` visits every row exactly once,
// in the order the offset pages give, and a row written meanwhile never shifts a later page.

async function walk(app: TestApp['app'], auth: Record<string, string>, url: string): Promise<{ ids: (string | number)[]; totals: unknown[] }> {
  const ids: (string | number)[] = [];
  const totals: unknown[] = [];
  let after: string | number | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const res = await app.inject({ url: `${url}&limit=4${after === null ? '' : `&after=${after}`}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string | number }[]; total: number | null; nextCursor: string | number | null };
    ids.push(...body.items.map((i) => i.id));
    if (after !== null) totals.push(body.total);
    after = body.nextCursor;
    if (after === null) return { ids, totals };
  }
  throw new Error('no last page after 100 pages');
}

async function insertAlert(db: Kysely<Database>, source: string, createdAt: Date): Promise<string> {
  const row = await db
    .insertInto('platform.sync_alerts')
    .values({ source, type: 'keyset', severity: 'low', message: 'm', details: {}, dedupe_key: `${source}/${randomUUID()}`, occurrences: 1, first_seen_at: createdAt, last_seen_at: createdAt, created_at: createdAt, deliveries: {} })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('keyset pages', () => {
  test('buffer: the cursor walk equals the offset list and counts nothing; a page starts right after its cursor', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const deviceId = await insertDevice(db);
      for (let i = 1; i <= 10; i++) await insertBufferUser(db, { device_id: deviceId, device_user_id: String(i) });
      const url = `/api/device-users/buffer?deviceId=${deviceId}`;
      const all = (await app.inject({ url: `${url}&limit=100`, headers: viewer.auth })).json();
      expect(all).toMatchObject({ total: 10, nextCursor: null });

      const first = (await app.inject({ url: `${url}&limit=4`, headers: viewer.auth })).json();
      expect(first.total).toBe(10);
      expect(first.nextCursor).toBe(first.items[3].id);
      const walked = await walk(app, viewer.auth, url);
      expect(walked.ids).toEqual(all.items.map((i: { id: number }) => i.id));
      expect(walked.totals.every((t) => t === null)).toBe(true);

      // The page after a cursor starts with the row after it.
      const second = (await app.inject({ url: `${url}&limit=4&after=${first.nextCursor}`, headers: viewer.auth })).json();
      expect(second.items[0].id).toBe(all.items[4].id);
    } finally {
      await close();
    }
  });

  test('alerts: newest first through ties on created_at (microseconds included); a new alert does not shift later pages', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      const source = 'keyset-test';
      const base = Date.parse('2026-11-22T08:00:00Z');
      for (let i = 0; i < 6; i++) await insertAlert(db, source, new Date(base + (i % 3) * 1000)); // pairs share created_at
      // Three alerts within one millisecond: a JS Date cursor would lose their order.
      for (const micros of ['001', '002', '003']) {
        await db.insertInto('platform.sync_alerts').values({ source, type: 'keyset', severity: 'low', message: 'm', details: {}, dedupe_key: `${source}/${randomUUID()}`, occurrences: 1, first_seen_at: new Date(base), last_seen_at: new Date(base), created_at: `2026-11-22T08:00:00.000${micros}Z` as unknown as Date, deliveries: {} }).execute();
      }
      const url = `/api/alerts?source=${source}`;
      const all = (await app.inject({ url: `${url}&limit=100`, headers: viewer.auth })).json();
      expect(all.total).toBe(9);
      const walked = await walk(app, viewer.auth, url);
      expect(walked.ids).toEqual(all.items.map((i: { id: string }) => i.id));
      expect(walked.totals.every((t) => t === null)).toBe(true);

      const first = (await app.inject({ url: `${url}&limit=4`, headers: viewer.auth })).json();
      await insertAlert(db, source, new Date(base + 60_000)); // newer: would shift an offset page by one
      const next = (await app.inject({ url: `${url}&limit=4&after=${first.nextCursor}`, headers: viewer.auth })).json();
      expect(next.items.map((i: { id: string }) => i.id)).toEqual(all.items.slice(4, 8).map((i: { id: string }) => i.id));

      const bad = await app.inject({ url: `${url}&after=not-a-uuid`, headers: viewer.auth });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await close();
    }
  });
});
