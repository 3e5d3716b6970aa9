import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ZKLib from 'node-zklib';
import { afterEach, expect, test } from 'vitest';
import { Cmd } from '../protocol/commands.js';
import { encodePacket, PacketReader, type Packet } from '../protocol/packet.js';

// Wire fidelity on a COLD emulator: each test starts the CLI as its own process
// and talks to it the moment it listens, as an operator's client would.
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
});

/** Starts `zk-emulator` on an ephemeral port; resolves with the port it printed. */
async function coldEmulator(users: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin/zk-emulator.ts', '--port', '0', '--host', '127.0.0.1', '--users', String(users), '--logs', '10'], {
    cwd: PACKAGE_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  let out = '';
  for await (const chunk of child.stdout!) {
    out += String(chunk);
    const m = /listening on [^:]+:(\d+)/.exec(out);
    if (m) return Number(m[1]);
  }
  throw new Error(`emulator exited before listening: ${out}`);
}

/** A raw ZK client that records every byte it receives, read by read. */
class RecordingClient {
  readonly reads: Buffer[] = [];
  private readonly reader = new PacketReader();
  private readonly inbox: Packet[] = [];
  private wake: (() => void) | null = null;
  private replyId = 0;
  sessionId = 0;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.reads.push(chunk);
      this.inbox.push(...this.reader.push(chunk));
      this.wake?.();
    });
  }

  static async open(port: number): Promise<RecordingClient> {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    return new RecordingClient(socket);
  }

  /** Sends one request; the reply number runs 1, 2, 3 … like node-zklib's. */
  send(command: number, data: Buffer = Buffer.alloc(0)): number {
    this.replyId++;
    this.socket.write(encodePacket({ command, sessionId: this.sessionId, replyId: this.replyId, data }));
    return this.replyId;
  }

  async next(): Promise<Packet> {
    while (this.inbox.length === 0) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
    return this.inbox.shift()!;
  }

  /** Waits for `command` with reply number `replyId`; earlier packets stay in the recording only. */
  async until(command: number, replyId: number): Promise<Packet> {
    for (;;) {
      const p = await this.next();
      if (p.command === command && p.replyId === replyId) return p;
    }
  }

  /** Resolves once the device has closed the connection: everything it sent is recorded. */
  async closed(): Promise<void> {
    if (!this.socket.readableEnded) await once(this.socket, 'end');
  }
}

const usersRequest = Buffer.from('0109000500000000000000', 'hex');
const chunkRequest = (start: number, size: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(start, 0);
  b.writeUInt32LE(size, 4);
  return b;
};

test('a cold emulator answers every request with exactly its reply, in order, and nothing else', async () => {
  const port = await coldEmulator(2000);
  const client = await RecordingClient.open(port);
  const expected: Array<[command: number, replyId: number, dataLength: number]> = [];

  let id = client.send(Cmd.CONNECT);
  const hello = await client.next();
  client.sessionId = hello.sessionId;
  expected.push([Cmd.ACK_OK, id, 0]);

  id = client.send(Cmd.FREE_DATA);
  await client.next();
  expected.push([Cmd.ACK_OK, id, 0]);

  id = client.send(Cmd.DATA_WRRQ, usersRequest);
  const stat = await client.next();
  const total = stat.data.readUInt32LE(1);
  expect(total).toBe(4 + 2000 * 72);
  expected.push([Cmd.ACK_OK, id, 13]);

  // Like node-zklib: a chunk counts as done on its DATA packet, and the next
  // request goes out at once. A late ACK_OK would then land after it.
  for (let start = 0; start < total; start += 65_472) {
    const size = Math.min(65_472, total - start);
    id = client.send(Cmd.DATA_RDY, chunkRequest(start, size));
    await client.until(Cmd.DATA, id);
    expected.push([Cmd.PREPARE_DATA, id, 8], [Cmd.DATA, id, size], [Cmd.ACK_OK, id, 0]);
  }

  id = client.send(Cmd.FREE_DATA);
  expected.push([Cmd.ACK_OK, id, 0]);
  id = client.send(Cmd.GET_FREE_SIZES);
  expected.push([Cmd.ACK_OK, id, 92]);
  id = client.send(Cmd.EXIT);
  expected.push([Cmd.ACK_OK, id, 0]);
  await client.closed();

  const stream = Buffer.concat(client.reads);
  const packets = new PacketReader().push(stream);
  expect(packets.map((p) => [p.command, p.replyId, p.data.length])).toEqual(expected);
  expect(packets.every((p) => p.sessionId === hello.sessionId)).toBe(true);
  const status = packets.at(-2)!.data;
  expect(status.readInt32LE(16)).toBe(2000);
  // Every byte received is part of a packet: no stray or split reply is left over.
  expect(packets.reduce((n, p) => n + 16 + p.data.length, 0)).toBe(stream.length);
});

// One chunk (500 users): node-zklib's multi-chunk parser depends on real-time
// pacing between processes (README), which this test must not rely on.
test('node-zklib reads users and then the free-sizes record from a cold emulator, every time', async () => {
  const port = await coldEmulator(500);
  const zk = new ZKLib('127.0.0.1', port, 10_000, 0);
  await zk.createSocket();
  try {
    for (let round = 0; round < 5; round++) {
      const users = await zk.getUsers();
      expect(users.err ?? null).toBeNull();
      expect(users.data).toHaveLength(500);
      // executeCmd returns the reply minus the 8-byte top: header (8) + 92-byte status.
      const reply = await zk.executeCmd(Cmd.GET_FREE_SIZES, '');
      expect(reply.length).toBe(100);
      expect(reply.readInt32LE(8 + 16)).toBe(500);
    }
  } finally {
    await zk.disconnect();
  }
});
