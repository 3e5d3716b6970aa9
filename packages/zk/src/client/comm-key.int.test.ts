import { once } from 'node:events';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { startEmulator, type ZkEmulator } from '../emulator/emulator.js';
import { generateUsers } from '../emulator/seed.js';
import { makeCommKey } from '../protocol/comm-key.js';
import { Cmd } from '../protocol/commands.js';
import { encodePacket, PacketReader, type Packet } from '../protocol/packet.js';
import { DeviceClient } from './device-client.js';
import { AuthenticationFailedError } from './errors.js';

const KEY = 123_456;
let emu: ZkEmulator;
beforeAll(async () => {
  emu = await startEmulator({ replyForm: 'chunked', pacingMs: 0, commKey: KEY });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.commKey = KEY;
  emu.state.replace(generateUsers(1000, 7), []);
});

const client = (commKey: number | null) =>
  new DeviceClient({
    deviceId: 'ai06-keyed',
    host: '127.0.0.1',
    port: emu.port,
    timezone: 'UTC',
    commKey,
    // Three attempts: an authentication failure must still be tried only once.
    resilience: { attempts: 3, initialDelayMs: 5 },
  });

test('with the right comm key the client reads and writes as on an open device', async () => {
  const c = client(KEY);
  await expect(c.getUsers()).resolves.toHaveLength(1000);
  await c.upsertUser({ uid: 5000, userId: '5000', name: 'Keyed', password: '', cardNumber: 0, privilege: 0, groupId: 1 });
  expect((await c.getInfo()).userCount).toBe(1001);
  expect(emu.authFailures).toBe(0);
});

test('a wrong comm key is one AuthenticationFailedError naming the device, not retried', async () => {
  const before = emu.authFailures;
  const err = await client(654_321).getUsers().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AuthenticationFailedError);
  expect(err).toMatchObject({ deviceId: 'ai06-keyed', retryable: false });
  expect((err as Error).message).toContain('device ai06-keyed');
  expect((err as Error).message).toContain('authentication failed');
  expect(emu.authFailures).toBe(before + 1);
  // The session was closed: the device's one slot is free for the next client.
  await expect(client(KEY).getInfo()).resolves.toMatchObject({ userCount: 1000 });
});

test('a keyed device without a configured key is an AuthenticationFailedError, not a silent empty read', async () => {
  const err = await client(null).getUsers().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(AuthenticationFailedError);
  expect((err as Error).message).toContain('none is configured');
});

test('a configured key does not hurt a device without one', async () => {
  emu.commKey = null;
  await expect(client(KEY).getUsers()).resolves.toHaveLength(1000);
});

test('the emulator refuses every command of an unauthenticated session, as firmware does', async () => {
  const socket = connect(emu.port, '127.0.0.1');
  await once(socket, 'connect');
  const reader = new PacketReader();
  const inbox: Packet[] = [];
  let wake: (() => void) | null = null;
  socket.on('data', (chunk: Buffer) => {
    inbox.push(...reader.push(chunk));
    wake?.();
  });
  let replyId = 0;
  let sessionId = 0;
  const ask = async (command: number, data: Buffer = Buffer.alloc(0)): Promise<Packet> => {
    socket.write(encodePacket({ command, sessionId, replyId: ++replyId, data }));
    while (inbox.length === 0) await new Promise<void>((r) => (wake = r));
    return inbox.shift()!;
  };
  try {
    const hello = await ask(Cmd.CONNECT);
    expect(hello.command).toBe(Cmd.ACK_UNAUTH);
    sessionId = hello.sessionId;
    expect(sessionId).toBeGreaterThan(0);
    for (const command of [Cmd.GET_FREE_SIZES, Cmd.DISABLE_DEVICE, Cmd.DATA_WRRQ, Cmd.DELETE_USER, Cmd.REG_EVENT]) {
      expect((await ask(command, Buffer.from('0109000500000000000000', 'hex'))).command).toBe(Cmd.ACK_UNAUTH);
    }
    expect((await ask(Cmd.AUTH, makeCommKey(KEY + 1, sessionId))).command).toBe(Cmd.ACK_UNAUTH);
    expect((await ask(Cmd.AUTH, makeCommKey(KEY, sessionId, 200))).command).toBe(Cmd.ACK_OK);
    const status = await ask(Cmd.GET_FREE_SIZES);
    expect([status.command, status.data.readInt32LE(16)]).toEqual([Cmd.ACK_OK, 1000]);
    expect(emu.state.userCount).toBe(1000);
  } finally {
    socket.destroy();
  }
});
