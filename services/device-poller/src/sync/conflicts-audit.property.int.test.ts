import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import { sql } from 'kysely';
import { startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
import { deleteUserCommand } from '../commands/device-commands.job.js';
import { syncDevice } from './sync-device.job.js';
import { deviceUsers } from './sync.arbitrary.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

const F = 'Feature: device-user-persistence-fix';
let n = 0;

describe('conflict and audit properties', () => {
  test(`${F}, Property 10: Conflict Detection`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(8).filter((u) => u.length > 0), fc.array(fc.constantFrom('same', 'name', 'card'), { minLength: 8, maxLength: 8 }), fc.integer({ min: 1, max: 2 }), async (users, kinds, syncs) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p10-${n++}-${prefix}`);
        const expected = new Map<string, { fullName: string; cardNumber: string | null }>();
        for (const [i, u] of users.entries()) {
          const kind = kinds[i]!;
          const card = u.cardNumber === 0 ? null : String(u.cardNumber);
          const staffRow = { full_name: kind === 'name' ? `${u.name}X` : u.name, card_number: kind === 'card' ? `9${card ?? ''}` : card };
          const staff = await db.insertInto('attendance.staff').values(staffRow).returning('id').executeTakeFirstOrThrow();
          await db.insertInto('attendance.user_machine_mapping').values({ device_id: id, machine_user_id: u.userId, person_id: staff.id }).execute();
          if (kind !== 'same') expected.set(u.userId, { fullName: staffRow.full_name, cardNumber: staffRow.card_number });
        }
        for (let s = 0; s < syncs; s++) await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const conflicts = await db.selectFrom('attendance.user_conflicts').selectAll().where('device_id', '=', id).execute();
        // Recorded once each, however many syncs saw it.
        expect(conflicts.map((c) => c.device_user_id).sort()).toEqual([...expected.keys()].sort());
        for (const c of conflicts) {
          const u = users.find((x) => x.userId === c.device_user_id)!;
          expect(c.device_data).toMatchObject({ name: u.name, cardNumber: u.cardNumber === 0 ? null : String(u.cardNumber), uid: u.uid });
          expect(c.database_data).toMatchObject(expected.get(c.device_user_id)!);
          expect(c.resolved).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 11: Conflict Preservation`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(6).filter((u) => u.length > 0), fc.integer({ min: 1, max: 3 }), async (users, syncs) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p11-${n++}-${prefix}`);
        for (const u of users) {
          const staff = await db.insertInto('attendance.staff').values({ full_name: `DB ${u.name}`, card_number: '42' }).returning('id').executeTakeFirstOrThrow();
          await db.insertInto('attendance.user_machine_mapping').values({ device_id: id, machine_user_id: u.userId, person_id: staff.id }).execute();
        }
        const staffBefore = await db.selectFrom('attendance.staff').selectAll().orderBy('id').execute();
        const deviceBefore = emu.state.users;
        for (let s = 0; s < syncs; s++) await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        expect(emu.state.users).toEqual(deviceBefore);
        expect(await db.selectFrom('attendance.staff').selectAll().orderBy('id').execute()).toEqual(staffBefore);
        const open = await db.selectFrom('attendance.user_conflicts').select(['device_user_id', 'resolved']).where('device_id', '=', id).execute();
        expect(open).toHaveLength(users.length);
        expect(open.every((c) => !c.resolved)).toBe(true);
        const statuses = await db.selectFrom('attendance.device_user_buffer').select('mapping_status').where('device_id', '=', id).execute();
        expect(statuses.every((s) => s.mapping_status === 'conflict')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 4: Comprehensive Operation Logging`, async ({ db, redis, prefix }) => {
    const { deps, devices, producer } = makeDeps(db, redis, prefix);
    const commands = { db, devices, producer, backup: { mode: 'enqueue' as const, timeoutMs: 1_000 } };
    await fc.assert(
      fc.asyncProperty(deviceUsers(8), fc.array(fc.nat(), { maxLength: 3 }), fc.array(fc.nat(), { maxLength: 3 }), async (users, vanishPicks, deletePicks) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p4-${n++}-${prefix}`);
        const started = await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db);
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const pick = (picks: number[]) => [...new Set(picks.filter(() => users.length > 0).map((p) => users[p % users.length]!.userId))];
        // Deleted by an admin command (the real job handler), or gone from the device on their own.
        const deleted = pick(deletePicks);
        const gone = pick(vanishPicks).filter((u) => !deleted.includes(u));
        for (const userId of deleted) {
          const outcome = await deleteUserCommand(commands, { commandId: randomUUID(), deviceId: id, deviceUserId: userId, requestedBy: { adminId: 'a-1', username: 'ana' }, reason: 'left' });
          expect(outcome.status).toBe('done');
        }
        emu.state.removeUsersById(gone);
        await syncDevice(deps, { deviceId: id, trigger: 'manual', requestedBy: 'ana' });
        const rows = await db.selectFrom('attendance.device_user_audit_log').selectAll().where('device_id', '=', id).execute();
        const ops = (op: string) => rows.filter((r) => r.operation_type === op);
        const ids = (op: string) => ops(op).map((r) => r.device_user_id).sort();
        // Every discovery (buffering), deletion and disappearance has its row, with who and when.
        expect(ids('user_discovered')).toEqual(users.map((u) => u.userId).sort());
        expect(ids('user_delete_requested')).toEqual([...deleted].sort());
        expect(ids('user_deleted')).toEqual([...deleted].sort());
        expect(ids('user_disappeared')).toEqual([...gone].sort());
        for (const r of rows.filter((r) => r.device_user_id !== null)) {
          expect(r.performed_by).toMatch(/^(device-poller:(scheduled|manual:ana)|admin:ana)$/);
          expect(r.occurred_at.getTime()).toBeGreaterThanOrEqual(started.rows[0]!.now.getTime() - 1);
        }
        expect(ops('user_disappeared').every((r) => r.performed_by === 'device-poller:manual:ana')).toBe(true);
        for (const r of [...ops('user_delete_requested'), ...ops('user_deleted')]) {
          expect(r.performed_by).toBe('admin:ana');
          expect(r.details).toMatchObject({ commandId: expect.any(String), adminId: 'a-1', reason: 'left' });
        }
        // The request is written before the device is touched, the outcome after.
        for (const userId of deleted) {
          const [requested, done] = [ops('user_delete_requested'), ops('user_deleted')].map((rs) => rs.find((r) => r.device_user_id === userId)!);
          expect(requested!.id).toBeLessThan(done!.id);
        }
        // Mapping rows are written by admin-gateway's map route: its Property 4 test covers them.
      }),
      { numRuns: 100 },
    );
  });

  // Property 14 (audit log query completeness) is tested through the route that serves it:
  // admin-gateway's audit-log.property.int.test.ts.

  test(`${F}, Property 7: Mapping Status Transitions`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(6).filter((u) => u.length > 0), fc.nat(), async (users, pick) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p7-${n++}-${prefix}`);
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const u = users[pick % users.length]!;
        const staff = await db.insertInto('attendance.staff').values({ full_name: u.name, card_number: u.cardNumber === 0 ? null : String(u.cardNumber) }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('attendance.user_machine_mapping').values({ device_id: id, machine_user_id: u.userId, person_id: staff.id }).execute();
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const rows = await db.selectFrom('attendance.device_user_buffer').selectAll().where('device_id', '=', id).execute();
        for (const r of rows) {
          if (r.device_user_id === u.userId) expect(r).toMatchObject({ mapping_status: 'mapped', mapped_to_person_id: staff.id, mapped_at: expect.any(Date) });
          else expect(r).toMatchObject({ mapping_status: 'unmapped', mapped_to_person_id: null, mapped_at: null });
        }
      }),
      { numRuns: 100 },
    );
  });
});
