/// <reference path="../../packages/zk/src/client/node-zklib.d.ts" />
// (node-zklib ships no types; @platform/zk keeps them beside its client, device-poller includes them the same way.)
/*
 * Seed 000 Property 12 end to end: after an admin resolves a conflict, the device user and the
 * staff row hold the same attributes. Three owners take part, so the test lives here, where it may
 * import them all: the conflict is detected by device-poller's sync, resolved through
 * admin-gateway's HTTP API, and the device is changed by device-poller's device-commands worker
 * against the ZK emulator. Services never import each other (not even in their tests); this
 * package imports each one's modules by relative path, as deploy-config.test.ts imports their
 * configs. In-process rather than a spawned device-poller: the property needs 100 runs, each
 * waiting on the worker, and a child process would add a second log stream and its own timers
 * (schedules) racing the test for the device's single TCP slot.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import fc from 'fast-check';
import type { Database, Kysely } from '@platform/db';
import { describe, expect, test, WAIT_DEADLINE_MS } from '@platform/testkit';
import { DeviceClient, startEmulator, type DeviceUser, type ZkEmulator } from '@platform/zk';
import { createAccount, startApp } from '../../services/admin-gateway/src/app.fixture.js';
import { finishedJob, startWorkersOnly } from './in-process-poller.js';

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

// What a ZK user record can hold: printable ASCII names of at most 24 characters, uint32 cards.
const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ .-\'');
const name = fc.string({ minLength: 1, maxLength: 24, unit: letters }).filter((s) => s.trim() === s && s !== '');
const card = fc.option(fc.integer({ min: 1, max: 0xffff_ffff }), { nil: null });
// A staff row may also hold what no device can: longer or non-ASCII names, cards with leading
// zeros or past uint32. Resolving toward those must be refused, not half-applied.
const staffName = fc.oneof(
  { weight: 8, arbitrary: name },
  { weight: 1, arbitrary: fc.tuple(name, fc.constantFrom('é', 'Ø', '李')).map(([n, c]) => `${n}${c}`) },
  { weight: 1, arbitrary: fc.string({ minLength: 25, maxLength: 30, unit: letters }).map((n) => `X${n.trim()}`.padEnd(25, 'x')) },
);
const staffCard = fc.oneof(
  { weight: 8, arbitrary: card.map((c) => (c === null ? null : String(c))) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 99_999 }).map((c) => `0${c}`) },
  { weight: 1, arbitrary: fc.integer({ min: 0x1_0000_0000, max: 9_999_999_999 }).map(String) },
);
const deviceCanHold = (attrs: { name: string; cardNumber: string | null }) =>
  /^[\x20-\x7e]{1,24}$/.test(attrs.name) && (attrs.cardNumber === null || (/^[1-9]\d*$/.test(attrs.cardNumber) && Number(attrs.cardNumber) <= 0xffff_ffff));
const side = fc.constantFrom('device' as const, 'database' as const);
const resolution = fc.oneof(
  fc.record({ strategy: fc.constant('use_device' as const) }),
  fc.record({ strategy: fc.constant('use_database' as const) }),
  fc.record({ strategy: fc.constant('merge' as const), fields: fc.record({ name: side, cardNumber: side }) }),
);
const scenario = fc
  .record({
    staff: fc.record({ name: staffName, card: staffCard }),
    // A device user without a name is common (enrolled by fingerprint only).
    device: fc.record({ name: fc.option(name, { nil: null }), card, privilege: fc.constantFrom(0, 2, 6, 14) }),
    resolution,
  })
  // Only disagreeing users open a conflict.
  .filter((s) => s.staff.name.slice(0, 24) !== s.device.name || s.staff.card !== (s.device.card === null ? null : String(s.device.card)));
type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

const chosen = (s: Scenario, key: 'name' | 'cardNumber'): 'device' | 'database' =>
  s.resolution.strategy === 'merge' ? s.resolution.fields[key] : s.resolution.strategy === 'use_device' ? 'device' : 'database';

/** A device's "no card" is 0; the staff row's is NULL. */
const deviceCard = (u: DeviceUser) => (u.cardNumber === 0 ? null : String(u.cardNumber));

async function addDevice(db: Kysely<Database>): Promise<number> {
  const row = await db
    .insertInto('platform.devices')
    .values({ name: `e2e-${randomUUID().slice(0, 8)}`, host: emu.host, port: emu.port, timezone: emu.timezone })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe('conflict resolution, gateway to device', () => {
  // 100 full gateway -> queue -> device round trips: minutes on a loaded 2-core box. The timeout
  // only guards against a hang; each step's own wait has its deadline below.
  test('Feature: device-user-persistence-fix, Property 12: Conflict Resolution Synchronization', { timeout: 600_000 }, async ({ db, database, prefix }) => {
    const gateway = await startApp({ db, prefix });
    const workers = startWorkersOnly(db, database.url, prefix);
    const finished = (queue: 'device-sync' | 'device-commands', jobId: string) => finishedJob(gateway.producer, queue, jobId, WAIT_DEADLINE_MS);
    const reader = new DeviceClient({ deviceId: 'e2e-reader', host: emu.host, port: emu.port, timezone: emu.timezone });

    try {
      const admin = await createAccount(db, gateway.tokens, 'admin');
      const deviceId = await addDevice(db);
      let nextUser = 1;
      await fc.assert(
        fc.asyncProperty(scenario, async (s) => {
          // Seed: a device user, a staff member with other attributes, and the mapping between them.
          const uid = nextUser++;
          const deviceUserId = String(100_000 + uid);
          emu.state.addUser({ uid, userId: deviceUserId, name: s.device.name ?? '', password: '', cardNumber: s.device.card ?? 0, privilege: s.device.privilege, groupId: 1 });
          const staff = await db
            .insertInto('attendance.staff')
            .values({ full_name: s.staff.name, card_number: s.staff.card })
            .returning('id')
            .executeTakeFirstOrThrow();
          await db
            .insertInto('attendance.user_machine_mapping')
            .values({ device_id: deviceId, machine_user_id: deviceUserId, person_id: staff.id, created_by: 'e2e' })
            .execute();

          // "Sync now" through the gateway; device-poller's sync finds the disagreement.
          const sync = await gateway.app.inject({ method: 'POST', url: `/api/devices/${deviceId}/sync`, headers: admin.auth });
          expect(sync.statusCode).toBe(202);
          await finished('device-sync', sync.json().jobId);
          const open = await db
            .selectFrom('attendance.user_conflicts')
            .select('id')
            .where('device_id', '=', deviceId)
            .where('device_user_id', '=', deviceUserId)
            .where('resolved', '=', false)
            .execute();
          expect(open).toHaveLength(1);

          const res = await gateway.app.inject({
            method: 'POST',
            url: `/api/device-users/conflicts/${open[0]!.id}/resolve`,
            headers: admin.auth,
            payload: s.resolution,
          });
          const before = { name: s.device.name ?? '', card: s.device.card === null ? null : String(s.device.card) };
          const expected = {
            name: chosen(s, 'name') === 'device' ? s.device.name : s.staff.name,
            cardNumber: chosen(s, 'cardNumber') === 'device' ? before.card : s.staff.card,
          };
          if (res.statusCode === 202) await finished('device-commands', res.json().command.jobId);

          const onDevice = (await reader.getUsers()).find((u) => u.userId === deviceUserId);
          const row = await db.selectFrom('attendance.staff').select(['full_name', 'card_number']).where('id', '=', staff.id).executeTakeFirstOrThrow();
          expect(onDevice).toBeDefined();
          // The device user keeps its slot and role whatever the resolution.
          expect(onDevice).toMatchObject({ uid, privilege: s.device.privilege });

          const unchanged = () => {
            expect({ name: onDevice!.name, card: deviceCard(onDevice!) }).toEqual(before);
            expect(row).toEqual({ full_name: s.staff.name, card_number: s.staff.card });
          };
          if (expected.name === null) {
            // The device has no name to give the staff row: refused, and neither side changed.
            expect(res.statusCode).toBe(422);
            return unchanged();
          }
          const target = { name: expected.name, cardNumber: expected.cardNumber };
          if (s.resolution.strategy !== 'use_device' && !deviceCanHold(target)) {
            // The device could not store what the staff row holds: refused before anything changed.
            expect(res.statusCode).toBe(422);
            return unchanged();
          }
          expect(res.statusCode).toBe(s.resolution.strategy === 'use_device' ? 200 : 202);
          // Both sides hold exactly the attributes the strategy picked.
          expect({ name: row.full_name, cardNumber: row.card_number }).toEqual(target);
          expect({ name: onDevice!.name, cardNumber: deviceCard(onDevice!) }).toEqual(target);
        }),
        { numRuns: 100 },
      );
    } finally {
      await workers.close();
      await gateway.close();
    }
  });
});
