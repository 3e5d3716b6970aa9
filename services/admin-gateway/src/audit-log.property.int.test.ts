import fc from 'fast-check';
import type { Database, Kysely } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, startApp, type TestApp } from './app.fixture.js';

const F = 'Feature: device-user-persistence-fix';
const base = Date.parse('2026-01-01T00:00:00Z');
const hour = (h: number) => new Date(base + h * 3_600_000);
const OPS = ['user_discovered', 'user_disappeared', 'user_deleted'];

/** Every page of one query, following nextCursor; the ids in the order the route gave them. */
async function walk(app: TestApp['app'], auth: Record<string, string>, query: Record<string, string>): Promise<number[]> {
  const ids: number[] = [];
  let after: number | null = null;
  for (let pages = 0; ; pages++) {
    const params: URLSearchParams = new URLSearchParams({ ...query, ...(after === null ? {} : { after: String(after) }) });
    const res: Awaited<ReturnType<typeof app.inject>> = await app.inject({ url: `/api/device-users/audit-log?${params}`, headers: auth });
    expect(res.statusCode).toBe(200);
    const body: { items: { details: { i: number } }[]; nextCursor: number | null } = res.json();
    expect(body).not.toHaveProperty('total');
    ids.push(...body.items.map((i) => i.details.i));
    if (body.nextCursor === null) return ids;
    expect(pages).toBeLessThan(1_000);
    after = body.nextCursor;
  }
}

async function twoDevices(db: Kysely<Database>, tag: string): Promise<[number, number]> {
  const rows = await db.insertInto('platform.devices').values([{ name: `${tag}-a`, host: '127.0.0.1' }, { name: `${tag}-b`, host: '127.0.0.1' }]).returning('id').execute();
  return [rows[0]!.id, rows[1]!.id];
}

describe('device-user audit log route', () => {
  test(`${F}, Property 14: Audit Log Query Completeness`, async ({ db, prefix }) => {
    const gateway = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, gateway.tokens, 'viewer');
      const devices = await twoDevices(db, 'p14');
      // A fixed population (the table is append-only) with ties on occurred_at, so the keyset's id
      // tiebreak is exercised; then 100 random filter combinations and page sizes through the route.
      const rows = Array.from({ length: 120 }, (_, i) => ({
        device_id: devices[i % 2]!, operation_type: OPS[i % 3]!, device_user_id: String(100 + (i % 7)), device_user_name: null,
        performed_by: 'p14', service_name: 'device-poller', conflict_id: null, details: { i }, occurred_at: hour(Math.floor(i / 3)),
      }));
      const inserted = await db.insertInto('attendance.device_user_audit_log').values(rows).returning('id').execute();
      const withIds = rows.map((r, k) => ({ ...r, id: inserted[k]!.id }));
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            deviceId: fc.option(fc.constantFrom(...devices), { nil: undefined }),
            deviceUserId: fc.option(fc.integer({ min: 100, max: 107 }).map(String), { nil: undefined }),
            operationType: fc.option(fc.constantFrom(...OPS, 'other'), { nil: undefined }),
            from: fc.option(fc.integer({ min: -2, max: 42 }), { nil: undefined }),
            to: fc.option(fc.integer({ min: -2, max: 42 }), { nil: undefined }),
            // 1 and 120+ on purpose: one row per page, and everything on one page.
            limit: fc.oneof(fc.constantFrom(1, 120, 500), fc.integer({ min: 1, max: 50 })),
          }),
          async (f) => {
            const query: Record<string, string> = { limit: String(f.limit) };
            if (f.deviceId !== undefined) query['deviceId'] = String(f.deviceId);
            if (f.deviceUserId !== undefined) query['deviceUserId'] = f.deviceUserId;
            if (f.operationType !== undefined) query['operationType'] = f.operationType;
            if (f.from !== undefined) query['from'] = hour(f.from).toISOString();
            if (f.to !== undefined) query['to'] = hour(f.to).toISOString();
            const got = await walk(gateway.app, viewer.auth, query);
            const want = withIds
              .filter((r) => (f.deviceId === undefined || r.device_id === f.deviceId) && (f.deviceUserId === undefined || r.device_user_id === f.deviceUserId)
                && (f.operationType === undefined || r.operation_type === f.operationType)
                && (f.from === undefined || r.occurred_at >= hour(f.from)) && (f.to === undefined || r.occurred_at < hour(f.to)))
              .sort((a, b) => b.occurred_at.getTime() - a.occurred_at.getTime() || b.id - a.id)
              .map((r) => r.details.i);
            expect(got).toEqual(want);
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await gateway.close();
    }
  });

  test('pages are stable under inserts: rows written while paging never shift or repeat a later page', async ({ db, prefix }) => {
    const gateway = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, gateway.tokens, 'viewer');
      const [device] = await twoDevices(db, 'stable');
      const row = (i: number) => ({ device_id: device, operation_type: 'user_discovered', device_user_id: '1', device_user_name: null, performed_by: 'stable', service_name: 'device-poller', conflict_id: null, details: { i } });
      // Written with the database clock (microseconds), as services write them.
      for (let i = 0; i < 10; i++) await db.insertInto('attendance.device_user_audit_log').values(row(i)).execute();
      const url = (after?: number) => `/api/device-users/audit-log?deviceId=${device}&limit=4${after ? `&after=${after}` : ''}`;
      const first = (await gateway.app.inject({ url: url(), headers: viewer.auth })).json();
      await db.insertInto('attendance.device_user_audit_log').values([row(100), row(101)]).execute();
      const second = (await gateway.app.inject({ url: url(first.nextCursor), headers: viewer.auth })).json();
      const third = (await gateway.app.inject({ url: url(second.nextCursor), headers: viewer.auth })).json();
      const seen = [...first.items, ...second.items, ...third.items].map((r: { details: { i: number } }) => r.details.i);
      expect(seen).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect(third.nextCursor).toBeNull();
    } finally {
      await gateway.close();
    }
  });
});
