import fc from 'fast-check';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type ZkEmulator } from '@platform/zk';
import { describe, expect, test } from '@platform/testkit';
import { addDevice, makeDeps } from '../poller.fixture.js';
import { deviceUsers } from '../sync/sync.arbitrary.js';
import { migrateBuffer } from './migrate-buffer.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

const F = 'Feature: device-user-persistence-fix';
let n = 0;

async function setup(db: Parameters<typeof addDevice>[0], users: Parameters<ZkEmulator['state']['replace']>[0], mappedFlags: boolean[], prefix: string) {
  emu.state.replace(users, []);
  const id = await addDevice(db, emu, `mig-${n++}-${prefix}`);
  const mapped = new Set<string>();
  for (const [i, u] of users.entries()) {
    if (!mappedFlags[i]) continue;
    const staff = await db.insertInto('attendance.staff').values({ full_name: u.name }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('attendance.user_machine_mapping').values({ device_id: id, machine_user_id: u.userId, person_id: staff.id }).execute();
    mapped.add(u.userId);
  }
  return { id, mapped };
}

const flags = fc.array(fc.boolean(), { minLength: 10, maxLength: 10 });

describe('buffer migration', () => {
  test(`${F}, Property 26: Migration Completeness`, async ({ db, redis, prefix }) => {
    const { devices } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(10), async (users) => {
        const { id } = await setup(db, users, [], prefix);
        const [result] = await migrateBuffer({ db, devices, batchSize: 3 }, { deviceIds: [id], performedBy: 'test' });
        expect(result).toMatchObject({ deviceId: id, read: users.length, error: null });
        const rows = await db.selectFrom('attendance.device_user_buffer').select('device_user_id').where('device_id', '=', id).execute();
        expect(rows.map((r) => r.device_user_id).sort()).toEqual(users.map((u) => u.userId).sort());
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 27: Migration Unmapped User Identification`, async ({ db, redis, prefix }) => {
    const { devices } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(10), flags, async (users, mappedFlags) => {
        const { id, mapped } = await setup(db, users, mappedFlags, prefix);
        const [result] = await migrateBuffer({ db, devices, batchSize: 4 }, { deviceIds: [id], performedBy: 'test' });
        expect([...result!.unmapped].sort()).toEqual(users.map((u) => u.userId).filter((u) => !mapped.has(u)).sort());
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 28: Migration Buffer Population`, async ({ db, redis, prefix }) => {
    const { devices } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(10), flags, async (users, mappedFlags) => {
        const { id, mapped } = await setup(db, users, mappedFlags, prefix);
        await migrateBuffer({ db, devices, batchSize: 4 }, { deviceIds: [id], performedBy: 'test' });
        const rows = await db.selectFrom('attendance.device_user_buffer').select(['device_user_id', 'mapping_status', 'uid', 'name']).where('device_id', '=', id).execute();
        for (const u of users.filter((x) => !mapped.has(x.userId))) {
          expect(rows.find((r) => r.device_user_id === u.userId)).toEqual({ device_user_id: u.userId, mapping_status: 'unmapped', uid: u.uid, name: u.name });
        }
      }),
      { numRuns: 100 },
    );
  });

  test(`${F}, Property 29: Migration Idempotence`, async ({ db, redis, prefix }) => {
    const { devices } = makeDeps(db, redis, prefix);
    await fc.assert(
      fc.asyncProperty(deviceUsers(10), flags, fc.integer({ min: 2, max: 3 }), async (users, mappedFlags, runs) => {
        const { id } = await setup(db, users, mappedFlags, prefix);
        const state = () => db.selectFrom('attendance.device_user_buffer').selectAll().where('device_id', '=', id).orderBy('device_user_id').execute();
        const first = await migrateBuffer({ db, devices, batchSize: 4 }, { deviceIds: [id], performedBy: 'test' });
        const once = await state();
        for (let r = 1; r < runs; r++) {
          const again = await migrateBuffer({ db, devices, batchSize: 4 }, { deviceIds: [id], performedBy: 'test' });
          expect(again[0]!.inserted).toBe(0);
        }
        expect(await state()).toEqual(once);
        expect(first[0]!.inserted).toBe(users.length);
      }),
      { numRuns: 100 },
    );
  });
});
