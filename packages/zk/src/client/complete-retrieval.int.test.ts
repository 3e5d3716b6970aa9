import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startEmulator, type ZkEmulator } from '../emulator/emulator.js';
import type { DeviceUser } from '../protocol/user-record.js';
import { DeviceClient } from './device-client.js';

const printable = (max: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: max });

const deviceUser = (uid: number): fc.Arbitrary<DeviceUser> =>
  fc.record({
    uid: fc.constant(uid),
    userId: fc.stringMatching(/^\d{1,9}$/),
    name: printable(24),
    password: printable(8),
    cardNumber: fc.nat({ max: 0xffff_ffff }),
    privilege: fc.constantFrom(0, 1, 2, 6, 14),
    groupId: fc.nat({ max: 255 }),
  });

// Unique uids (the device's slots), then a user for each; up to ~2 chunks.
const deviceUsers = fc
  .uniqueArray(fc.integer({ min: 1, max: 65_535 }), { maxLength: 1200, size: 'large' })
  .chain((uids) => fc.tuple(...uids.map(deviceUser)))
  .map((users) => [...users].sort((a, b) => a.uid - b.uid));

let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0 });
});
afterAll(() => emu.close());

test('Feature: device-user-persistence-fix, Property 1: Complete User Retrieval', async () => {
  const client = new DeviceClient({ deviceId: 'p1', host: '127.0.0.1', port: emu.port, timezone: 'UTC', resilience: { attempts: 1 } });
  await fc.assert(
    fc.asyncProperty(deviceUsers, async (users) => {
      emu.state.replace(users, []);
      expect(await client.getUsers()).toEqual(users);
    }),
    { numRuns: 100 },
  );
});
