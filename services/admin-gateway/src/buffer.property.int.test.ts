import fc from 'fast-check';
import { sql } from 'kysely';
import { MAPPING_STATUSES } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, insertDevice, startApp } from './app.fixture.js';
import { insertBufferUser, insertStaff } from './seed.fixture.js';

const deviceUser = fc.record({
  device_user_id: fc.stringMatching(/^\d{1,9}$/),
  name: fc.option(fc.string({ maxLength: 24 }), { nil: null }),
  mapping_status: fc.constantFrom(...MAPPING_STATUSES.filter((s) => s !== 'mapped')),
  discovered_at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
  seenAfterMs: fc.integer({ min: 0, max: 90 * 86_400_000 }),
});

describe('device user buffer API', () => {
  test('Feature: device-user-persistence-fix, Property 15: Buffer API Response Completeness', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const viewer = await createAccount(db, tokens, 'viewer');
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(deviceUser, { minLength: 1, maxLength: 8, selector: (u) => u.device_user_id }), async (users) => {
          const deviceId = await insertDevice(db);
          for (const { seenAfterMs, ...u } of users) {
            await insertBufferUser(db, { ...u, device_id: deviceId, last_seen_at: new Date(u.discovered_at.getTime() + seenAfterMs) });
          }
          const res = await app.inject({ url: `/api/device-users/buffer?deviceId=${deviceId}&limit=500`, headers: viewer.auth });
          expect(res.statusCode).toBe(200);
          const body = res.json();
          expect(body.total).toBe(users.length);
          const byId = new Map(users.map((u) => [u.device_user_id, u]));
          for (const item of body.items) {
            for (const field of ['deviceUserId', 'name', 'discoveredAt', 'lastSeenAt', 'mappingStatus']) expect(item).toHaveProperty(field);
            expect(item).not.toHaveProperty('password');
            const u = byId.get(item.deviceUserId)!;
            expect(item.name).toBe(u.name);
            expect(item.mappingStatus).toBe(u.mapping_status);
            expect(item.discoveredAt).toBe(u.discovered_at.toISOString());
            expect(item.lastSeenAt).toBe(new Date(u.discovered_at.getTime() + u.seenAfterMs).toISOString());
          }
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test('Feature: device-user-persistence-fix, Property 16: Mapping Validation', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const deviceId = await insertDevice(db);
      let next = 1;
      await fc.assert(
        fc.asyncProperty(fc.boolean(), fc.integer({ min: 1, max: 1_000_000 }), async (personExists, missingOffset) => {
          const deviceUserId = String(next++);
          const bufferId = await insertBufferUser(db, { device_id: deviceId, device_user_id: deviceUserId, name: 'someone' });
          const maxStaff = await db.selectFrom('attendance.staff').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
          const personId = personExists ? await insertStaff(db, 'A Person') : Number(maxStaff.max ?? 0) + missingOffset;
          const auditBefore = await db.selectFrom('attendance.device_user_audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();

          const res = await app.inject({
            method: 'POST',
            url: `/api/device-users/buffer/${bufferId}/map`,
            headers: admin.auth,
            payload: { personId },
          });
          const row = await db.selectFrom('attendance.device_user_buffer').selectAll().where('id', '=', bufferId).executeTakeFirstOrThrow();
          const mapping = await db
            .selectFrom('attendance.user_machine_mapping')
            .selectAll()
            .where('device_id', '=', deviceId)
            .where('machine_user_id', '=', deviceUserId)
            .executeTakeFirst();
          const auditAfter = await db.selectFrom('attendance.device_user_audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
          if (personExists) {
            expect(res.statusCode).toBe(200);
            expect(row).toMatchObject({ mapping_status: 'mapped', mapped_to_person_id: personId });
            expect(row.mapped_at).toBeInstanceOf(Date);
            expect(mapping?.person_id).toBe(personId);
            expect(Number(auditAfter.n)).toBe(Number(auditBefore.n) + 1);
          } else {
            expect(res.statusCode).toBe(422);
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(res.json().errors).toEqual([expect.objectContaining({ path: 'body.personId' })]);
            expect(res.json().detail).toContain(String(personId));
            // Nothing half-applied.
            expect(row).toMatchObject({ mapping_status: 'unmapped', mapped_to_person_id: null, mapped_at: null });
            expect(mapping).toBeUndefined();
            expect(Number(auditAfter.n)).toBe(Number(auditBefore.n));
          }
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  // Seed 000 Property 4 for mapping: device-poller's test covers discovery, deletion and disappearance rows.
  test('Feature: device-user-persistence-fix, Property 4: Comprehensive Operation Logging', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admins = [await createAccount(db, tokens, 'admin'), await createAccount(db, tokens, 'admin')];
      const deviceId = await insertDevice(db);
      let next = 1;
      await fc.assert(
        fc.asyncProperty(
          // What each attempt maps: a fresh buffer row, one mapped before, a staff id that does not exist, a missing buffer row.
          fc.array(fc.record({ kind: fc.constantFrom('fresh', 'again', 'no-staff', 'no-row'), admin: fc.nat({ max: 1 }) }), { minLength: 1, maxLength: 4 }),
          async (attempts) => {
            const staffId = await insertStaff(db, 'Mapped Person');
            const mappedBefore: number[] = [];
            const expected: Array<{ bufferId: number; deviceUserId: string; admin: string }> = [];
            const from = (await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db)).rows[0]!.now;
            const auditBefore = await db.selectFrom('attendance.device_user_audit_log').select((eb) => eb.fn.max('id').as('id')).executeTakeFirstOrThrow();
            for (const { kind, admin } of attempts) {
              const deviceUserId = String(next++);
              let bufferId = kind === 'no-row' ? 2_000_000_000 : await insertBufferUser(db, { device_id: deviceId, device_user_id: deviceUserId, name: 'someone' });
              if (kind === 'again' && mappedBefore.length > 0) bufferId = mappedBefore[0]!;
              const personId = kind === 'no-staff' ? staffId + 1_000_000 : staffId;
              const res = await app.inject({ method: 'POST', url: `/api/device-users/buffer/${bufferId}/map`, headers: admins[admin]!.auth, payload: { personId } });
              const ok = kind === 'fresh' || (kind === 'again' && mappedBefore.length === 0);
              expect(res.statusCode).toBe(ok ? 200 : kind === 'no-row' ? 404 : kind === 'again' ? 409 : 422);
              if (ok) {
                mappedBefore.push(bufferId);
                expected.push({ bufferId, deviceUserId, admin: admins[admin]!.username });
              }
            }
            const to = (await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db)).rows[0]!.now;
            const rows = await db
              .selectFrom('attendance.device_user_audit_log')
              .selectAll()
              .where('id', '>', Number(auditBefore.id ?? 0))
              .orderBy('id')
              .execute();
            // One `user_mapped` row per mapping made, none for a refused one, nothing else.
            expect(rows.map((r) => ({ op: r.operation_type, deviceId: r.device_id, deviceUserId: r.device_user_id, by: r.performed_by, bufferId: (r.details as { bufferId?: number }).bufferId }))).toEqual(
              expected.map((e) => ({ op: 'user_mapped', deviceId, deviceUserId: e.deviceUserId, by: e.admin, bufferId: e.bufferId })),
            );
            for (const r of rows) {
              expect(r.details).toMatchObject({ personId: staffId });
              expect(r.occurred_at.getTime()).toBeGreaterThanOrEqual(from.getTime() - 1);
              expect(r.occurred_at.getTime()).toBeLessThanOrEqual(to.getTime() + 1);
            }
          },
        ),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });
});
