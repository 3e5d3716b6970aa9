import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startEmulator, type ZkEmulator } from '../emulator/emulator.js';
import { generateLogs, generateUsers } from '../emulator/seed.js';
import { Cmd } from '../protocol/commands.js';
import type { DeviceUser } from '../protocol/user-record.js';
import { DeviceClient, type DeviceClientOptions } from './device-client.js';
import {
  DeviceBusyError,
  DeviceRejectedError,
  DeviceUnreachableError,
  IncompleteReadError,
  InvalidDeviceUserError,
} from './errors.js';

// The process zone differs from the device zone on purpose: node-zklib's own
// Dates would be 14 hours off here; ours must not be.
process.env.TZ = 'America/New_York';

const edgeUser: DeviceUser = {
  uid: 65_535,
  userId: '123456789',
  name: 'Abcdefghijklmnopqrstuvwx',
  password: '87654321',
  cardNumber: 4_000_000_001,
  privilege: 14,
  groupId: 7,
};

let emu: ZkEmulator;
const client = (extra: Partial<DeviceClientOptions> = {}) =>
  new DeviceClient({
    deviceId: 'ai06-test',
    host: '127.0.0.1',
    port: emu.port,
    timezone: 'Asia/Tokyo',
    resilience: { attempts: 1, initialDelayMs: 5 },
    ...extra,
  });

beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0, timezone: 'Asia/Tokyo' });
});
afterAll(() => emu.close());
beforeEach(() => emu.faults.reset());

describe('DeviceClient reads', () => {
  test('users round-trip every field, including a 24-character name and a card above 65535', async () => {
    const users = [...generateUsers(20, 9), edgeUser];
    emu.state.replace(users, []);
    await expect(client().getUsers()).resolves.toEqual(users);
  });

  test('attendance times are the real instants, corrected from the device zone', async () => {
    const users = generateUsers(5);
    const logs = generateLogs(3000, users, 5);
    emu.state.replace(users, logs);
    const got = await client().getAttendances();
    expect(got).toEqual(logs);
  });

  test('getInfo reports the device counts', async () => {
    emu.state.replace(generateUsers(7), []);
    await expect(client().getInfo()).resolves.toMatchObject({ userCount: 7, logCount: 0 });
  });

  test('getIdentity reports the serial number and firmware version the device answers', async () => {
    emu.state.serialNumber = 'AI06201711090001';
    emu.state.firmwareVersion = 'Ver 6.60 Sep 19 2019';
    await expect(client().getIdentity()).resolves.toEqual({ serialNumber: 'AI06201711090001', firmwareVersion: 'Ver 6.60 Sep 19 2019' });
  });

  test('getIdentity gives null for what an older firmware does not answer', async () => {
    emu.faults.ackErrors.add(Cmd.OPTIONS_RRQ);
    await expect(client().getIdentity()).resolves.toEqual({ serialNumber: null, firmwareVersion: expect.any(String) });
  });

  test.each(['single', 'chunked'] as const)('writes and deletes show on the next read (%s form)', async (form) => {
    emu.replyForm = form;
    try {
      emu.state.replace(generateUsers(3), []);
      const c = client();
      await c.upsertUser(edgeUser);
      await c.deleteUser(2);
      expect((await c.getUsers()).map((u) => u.uid)).toEqual([1, 3, 65_535]);
      expect(emu.state.disabled).toBe(false);
    } finally {
      emu.replyForm = 'chunked';
    }
  });

  test('deleting a missing user is a DeviceRejectedError and the device is re-enabled', async () => {
    emu.state.replace(generateUsers(1), []);
    await expect(client().deleteUser(999)).rejects.toBeInstanceOf(DeviceRejectedError);
    expect(emu.state.disabled).toBe(false);
  });

  test('an invalid user is refused before anything is sent', async () => {
    emu.state.replace([], []);
    await expect(client().upsertUser({ ...edgeUser, name: 'Ünïcödé' })).rejects.toBeInstanceOf(InvalidDeviceUserError);
    expect(emu.state.userCount).toBe(0);
  });
});

describe('second client', () => {
  test('is reset by the device and reported as DeviceBusyError', async () => {
    const ZKLib = (await import('node-zklib')).default;
    const holder = new ZKLib('127.0.0.1', emu.port, 5000, 0);
    await holder.createSocket();
    try {
      const err = await client().getInfo().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeviceBusyError);
      expect(err).toMatchObject({ deviceId: 'ai06-test', operation: 'getInfo', port: emu.port });
      expect(emu.busyRejections).toBeGreaterThan(0);
    } finally {
      await holder.disconnect();
    }
  });
});

describe('the users-vanish fault', () => {
  test('the next poll sees everyone, the one after sees the vanished users gone', async () => {
    emu.state.replace(generateUsers(6), []);
    emu.faults.vanishUsers(['1002']);
    const c = client();
    expect((await c.getUsers()).length).toBe(6);
    expect((await c.getUsers()).map((u) => u.userId)).not.toContain('1002');
  });
});

test('a DeviceClient retries a refused connection with backoff', async () => {
  emu.state.replace(generateUsers(2), []);
  await emu.faults.refuseConnections(true);
  // The first attempt's connect is issued in this tick and refused at once; the emulator listens
  // again 150 ms later. Five attempts under cockatiel's jittered backoff span >= 5.7 s, so the
  // re-listen lands inside them however slow the box (attempts 3 x 200 ms could all be spent
  // in ~275 ms). Without retries the first refusal is the answer and the test fails.
  const started = client({ resilience: { attempts: 5, initialDelayMs: 1_000, maxDelayMs: 4_000 } }).getUsers();
  setTimeout(() => void emu.faults.refuseConnections(false), 150);
  await expect(started).resolves.toHaveLength(2);
});

test('a mid-transfer drop is an IncompleteReadError, not a shorter list', async () => {
  emu.state.replace(generateUsers(2000), []);
  emu.faults.dropAfterBytes(70_000);
  const err = await client().getUsers().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(IncompleteReadError);
  expect(err).toMatchObject({ expected: 2000 });
  expect((err as IncompleteReadError).received).toBeLessThan(2000);
});

test('refused connections are DeviceUnreachableError', async () => {
  await emu.faults.refuseConnections(true);
  await expect(client().getInfo()).rejects.toBeInstanceOf(DeviceUnreachableError);
});

test('an ACK_ERROR on the bulk request is DeviceRejectedError', async () => {
  emu.state.replace(generateUsers(3), []);
  emu.faults.ackError(Cmd.DATA_WRRQ);
  await expect(client().getUsers()).rejects.toBeInstanceOf(DeviceRejectedError);
});
