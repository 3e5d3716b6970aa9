import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
import { syncDevice } from './sync-device.job.js';
import { deviceUsers } from './sync.arbitrary.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.reset());

const F = 'Feature: device-user-persistence-fix';
let n = 0;

describe('sync properties', () => {
  test(`${F}, Property 1: Complete User Retrieval`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(), async (users) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p1-${n++}-${prefix}`);
        const direct = emu.state.users.map((u) => u.userId).sort();
        const summary = await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        expect(summary.users).toBe(direct.length);
        const buffered = await db.selectFrom('attendance.device_user_buffer').select('device_user_id').where('device_id', '=', id).execute();
        expect(buffered.map((b) => b.device_user_id).sort()).toEqual(direct);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 2: Unmapped User Buffering`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(), fc.array(fc.boolean(), { maxLength: 12 }), async (users, mappedFlags) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p2-${n++}-${prefix}`);
        const mapped = users.filter((_, i) => mappedFlags[i]);
        for (const u of mapped) {
          const staff = await db.insertInto('attendance.staff').values({ full_name: u.name, card_number: u.cardNumber === 0 ? null : String(u.cardNumber) }).returning('id').executeTakeFirstOrThrow();
          await db.insertInto('attendance.user_machine_mapping').values({ device_id: id, machine_user_id: u.userId, person_id: staff.id }).execute();
        }
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const rows = await db.selectFrom('attendance.device_user_buffer').select(['device_user_id', 'mapping_status']).where('device_id', '=', id).execute();
        const status = new Map(rows.map((r) => [r.device_user_id, r.mapping_status]));
        const mappedIds = new Set(mapped.map((u) => u.userId));
        for (const u of users) expect(status.get(u.userId)).toBe(mappedIds.has(u.userId) ? 'mapped' : 'unmapped');
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 3: Read-Only Sync Operations`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(), fc.integer({ min: 1, max: 3 }), fc.boolean(), async (users, syncs, deleteStaff) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p3-${n++}-${prefix}`);
        // Map half the users (some with mismatching staff data) so every sync branch runs.
        for (const [i, u] of users.entries()) {
          if (i % 2 === 1) continue;
          const staff = await db.insertInto('attendance.staff').values({ full_name: i % 4 === 0 ? u.name : `Other ${u.name}`.slice(0, 60), card_number: null }).returning('id').executeTakeFirstOrThrow();
          await db.insertInto('attendance.user_machine_mapping').values({ device_id: id, machine_user_id: u.userId, person_id: staff.id }).execute();
        }
        const before = emu.state.users;
        for (let s = 0; s < syncs; s++) {
          await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
          if (deleteStaff && s === 0) await db.deleteFrom('attendance.staff').where('id', 'in', db.selectFrom('attendance.user_machine_mapping').select('person_id').where('device_id', '=', id)).execute();
        }
        expect(emu.state.users).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 6: Buffer Timestamp Updates`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(6).filter((u) => u.length > 0), fc.integer({ min: 2, max: 3 }), async (users, syncs) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p6-${n++}-${prefix}`);
        const read = () => db.selectFrom('attendance.device_user_buffer').select(['device_user_id', 'discovered_at', 'last_seen_at']).where('device_id', '=', id).orderBy('device_user_id').execute();
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const first = await read();
        for (let s = 1; s < syncs; s++) await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        const syncEnded = await db.selectFrom('attendance.device_user_audit_log').select('occurred_at').where('device_id', '=', id).where('operation_type', '=', 'sync_completed').orderBy('id', 'desc').executeTakeFirstOrThrow();
        const last = await read();
        for (const [i, row] of last.entries()) {
          expect(row.discovered_at).toEqual(first[i]!.discovered_at);
          expect(row.last_seen_at.getTime()).toBeGreaterThan(first[i]!.last_seen_at.getTime());
          // Advanced by the latest sync (same transaction clock as its completion row or earlier).
          expect(row.last_seen_at.getTime()).toBeLessThanOrEqual(syncEnded.occurred_at.getTime());
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 9: Database Deletion Isolation`, async ({ db, redis, prefix }) => {
    const { deps } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(8).filter((u) => u.length > 0), fc.nat(), async (users, pick) => {
        emu.state.replace(users, []);
        const id = await addDevice(db, emu, `p9-${n++}-${prefix}`);
        const victim = users[pick % users.length]!;
        const staff = await db.insertInto('attendance.staff').values({ full_name: victim.name, card_number: victim.cardNumber === 0 ? null : String(victim.cardNumber) }).returning('id').executeTakeFirstOrThrow();
        await db.insertInto('attendance.user_machine_mapping').values({ device_id: id, machine_user_id: victim.userId, person_id: staff.id }).execute();
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        await db.deleteFrom('attendance.staff').where('id', '=', staff.id).execute();
        await syncDevice(deps, { deviceId: id, trigger: 'scheduled' });
        expect(emu.state.users.find((u) => u.userId === victim.userId)).toEqual(victim);
        const row = await db.selectFrom('attendance.device_user_buffer').select('mapping_status').where('device_id', '=', id).where('device_user_id', '=', victim.userId).executeTakeFirst();
        expect(row?.mapping_status).toBe('unmapped');
      }),
      { numRuns: 100 },
    );
  });
});
