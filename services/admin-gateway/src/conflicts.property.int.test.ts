import fc from 'fast-check';
import type { Database, Kysely } from '@platform/db';
import { describe, expect, test } from '@platform/testkit';
import { createAccount, insertDevice, startApp } from './app.fixture.js';
import { insertBufferUser, insertConflict, insertMapping, insertStaff } from './seed.fixture.js';

const name = fc.string({ minLength: 1, maxLength: 24 }).filter((s) => s.trim().length > 0);
const card = fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: null });
// As device-poller stores a device card: a uint32 in decimal, 0 ("no card") as null.
const deviceCard = fc.option(fc.integer({ min: 1, max: 0xffff_ffff }).map(String), { nil: null });
const side = fc.constantFrom('device' as const, 'database' as const);
const resolution = fc.oneof(
  fc.record({ strategy: fc.constant('use_device' as const) }),
  fc.record({ strategy: fc.constant('use_database' as const) }),
  fc.record({ strategy: fc.constant('merge' as const), fields: fc.record({ name: side, cardNumber: side }) }),
);
const scenario = fc.record({
  staff: fc.record({ name, card }),
  device: fc.record({ name: fc.option(name, { nil: null }), card: deviceCard, privilege: fc.integer({ min: 0, max: 14 }) }),
  resolution,
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

let nextUser = 1;
/** A mapped device user whose device record disagrees with the staff row, and the open conflict about it. */
async function seedConflict(db: Kysely<Database>, deviceId: number, s: Scenario) {
  const deviceUserId = String(nextUser++);
  const staffId = await insertStaff(db, s.staff.name, s.staff.card);
  await insertBufferUser(db, { device_id: deviceId, device_user_id: deviceUserId, name: s.device.name, mapping_status: 'mapped' });
  await insertMapping(db, deviceId, deviceUserId, staffId);
  const conflictId = await insertConflict(db, {
    deviceId,
    deviceUserId,
    deviceData: { name: s.device.name, cardNumber: s.device.card, privilege: s.device.privilege, uid: Number(deviceUserId) },
    databaseData: { name: s.staff.name, cardNumber: s.staff.card },
  });
  return { deviceUserId, staffId, conflictId };
}

const chosen = (s: Scenario, key: 'name' | 'cardNumber'): 'device' | 'database' =>
  s.resolution.strategy === 'merge' ? s.resolution.fields[key] : s.resolution.strategy === 'use_device' ? 'device' : 'database';

describe('conflict resolution', () => {
  // Seed 000 Property 12 itself (device and staff row agree after the device-poller ran the
  // command) is e2e/src/conflict-resolution.property.int.test.ts; this is the gateway's half of it.
  test('a resolution sets the staff row and enqueues write-user with the same attributes', async ({ db, prefix }) => {
    const { app, producer, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const deviceId = await insertDevice(db);
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          const { deviceUserId, staffId, conflictId } = await seedConflict(db, deviceId, s);
          const res = await app.inject({
            method: 'POST',
            url: `/api/device-users/conflicts/${conflictId}/resolve`,
            headers: admin.auth,
            payload: s.resolution,
          });
          const staff = await db.selectFrom('attendance.staff').selectAll().where('id', '=', staffId).executeTakeFirstOrThrow();
          const conflict = await db.selectFrom('attendance.user_conflicts').selectAll().where('id', '=', conflictId).executeTakeFirstOrThrow();

          const expected = {
            name: chosen(s, 'name') === 'device' ? s.device.name : s.staff.name,
            cardNumber: chosen(s, 'cardNumber') === 'device' ? s.device.card : s.staff.card,
          };
          if (expected.name === null) {
            // The device has no name to give the staff row: refused, nothing changed.
            expect(res.statusCode).toBe(422);
            expect(conflict.resolved).toBe(false);
            expect({ name: staff.full_name, cardNumber: staff.card_number }).toEqual({ name: s.staff.name, cardNumber: s.staff.card });
            return;
          }
          const deviceCanHold = expected.name.length <= 24 && (expected.cardNumber === null || /^[1-9]\d*$/.test(expected.cardNumber) && Number(expected.cardNumber) <= 0xffff_ffff);
          if (s.resolution.strategy !== 'use_device' && !deviceCanHold) {
            // "0012" or a card past uint32 cannot be written to a device exactly: refused, nothing changed.
            expect(res.statusCode).toBe(422);
            expect(conflict.resolved).toBe(false);
            expect({ name: staff.full_name, cardNumber: staff.card_number }).toEqual({ name: s.staff.name, cardNumber: s.staff.card });
            return;
          }
          // Database side: the staff row holds exactly the attributes the strategy picked.
          expect({ name: staff.full_name, cardNumber: staff.card_number }).toEqual(expected);
          expect(conflict.resolved).toBe(true);
          const { command } = res.json();
          if (s.resolution.strategy === 'use_device') {
            expect(res.statusCode).toBe(200);
            expect(command).toBeNull();
            return;
          }
          // Device side: the write-user command carries the same attributes, for this device user.
          expect(res.statusCode).toBe(202);
          const job = await producer.queue('device-commands').getJob(command.jobId);
          expect(job?.name).toBe('write-user');
          expect(job?.data).toMatchObject({
            deviceId,
            user: { deviceUserId, name: expected.name, privilege: s.device.privilege },
            requestedBy: { adminId: admin.adminId, username: admin.username },
          });
          // The device's "no card" is 0; an omitted card would keep the one the device has.
          expect(job?.data.user.cardNumber).toBe(expected.cardNumber ?? '0');
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });

  test('Feature: device-user-persistence-fix, Property 13: Conflict Resolution Audit', async ({ db, prefix }) => {
    const { app, tokens, close } = await startApp({ db, prefix });
    try {
      const admin = await createAccount(db, tokens, 'admin');
      const deviceId = await insertDevice(db);
      // Resolutions that succeed: a device name to take, and a staff card a device can hold.
      const canHold = (card: string | null) => (card === null ? null : String((BigInt(card) % 0xffff_ffffn) + 1n));
      const valid = scenario.map((s) => ({
        ...s,
        staff: { ...s.staff, card: canHold(s.staff.card) },
        device: { ...s.device, name: s.device.name ?? 'device name' },
      }));
      await fc.assert(
        fc.asyncProperty(valid, fc.option(fc.string({ minLength: 1, maxLength: 80 }).filter((n) => n.trim() === n && n !== ''), { nil: undefined }), async (s, notes) => {
          const { conflictId } = await seedConflict(db, deviceId, s);
          const before = new Date(Date.now() - 1000);
          const url = `/api/device-users/conflicts/${conflictId}/resolve`;
          const res = await app.inject({ method: 'POST', url, headers: admin.auth, payload: { ...s.resolution, notes } });
          expect([200, 202]).toContain(res.statusCode);

          const entries = await db.selectFrom('attendance.device_user_audit_log').selectAll().where('conflict_id', '=', conflictId).execute();
          expect(entries).toHaveLength(1);
          const [entry] = entries;
          expect(entry).toMatchObject({ operation_type: 'conflict_resolved', performed_by: admin.username, service_name: 'admin-gateway' });
          expect(entry!.details).toMatchObject({ strategy: s.resolution.strategy, adminId: admin.adminId });
          expect(entry!.occurred_at.getTime()).toBeGreaterThanOrEqual(before.getTime());
          const conflict = await db.selectFrom('attendance.user_conflicts').selectAll().where('id', '=', conflictId).executeTakeFirstOrThrow();
          expect(conflict).toMatchObject({ resolved: true, resolved_by: admin.username, resolution_strategy: s.resolution.strategy, resolution_notes: notes ?? null });
          expect(conflict.resolved_at).toBeInstanceOf(Date);
          const adminAudit = await db
            .selectFrom('platform.admin_audit_log')
            .selectAll()
            .where('action', '=', 'conflict.resolve')
            .where('target_id', '=', String(conflictId))
            .execute();
          expect(adminAudit).toEqual([expect.objectContaining({ actor: admin.username, outcome: 'succeeded' })]);

          // A second resolution is a 409 and leaves no second trail.
          const again = await app.inject({ method: 'POST', url, headers: admin.auth, payload: { strategy: 'use_device' } });
          expect(again.statusCode).toBe(409);
          const after = await db.selectFrom('attendance.device_user_audit_log').select('id').where('conflict_id', '=', conflictId).execute();
          expect(after).toHaveLength(1);
        }),
        { numRuns: 100 },
      );
    } finally {
      await close();
    }
  });
});
