import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { checksum, encodePacket, PacketReader, ZkFramingError } from './packet.js';

const require = createRequire(import.meta.url);
const { createTCPHeader } = require('node-zklib/utils') as {
  createTCPHeader: (cmd: number, session: number, replyId: number, data: Buffer | string) => Buffer;
};

describe('encodePacket', () => {
  test("is byte-identical to node-zklib's CONNECT packet (and a device capture)", () => {
    expect(encodePacket({ command: 1000, sessionId: 0, replyId: 1, data: Buffer.alloc(0) }).toString('hex')).toBe('5050827d08000000e80316fc00000100');
  });

  test('matches node-zklib framing for assorted commands, sessions and data', () => {
    for (const [cmd, session, reply, data] of [
      [1503, 0x1234, 7, Buffer.from('01090005000000000000000000', 'hex')],
      [8, 65_000, 300, Buffer.alloc(72, 0x41)],
      [18, 1, 2, Buffer.from([0xff])],
    ] as const) {
      // node-zklib puts replyId + 1 on the wire.
      expect(encodePacket({ command: cmd, sessionId: session, replyId: reply + 1, data })).toEqual(createTCPHeader(cmd, session, reply, data));
    }
  });

  test('checksum follows the ones-complement sample from a K40 reply', () => {
    // d007 <sum> a06b 0100: ACK_OK, session 0x6ba0, reply 1.
    expect(checksum(Buffer.from('d0070000a06b0100', 'hex'))).toBe(0x8c8e);
  });
});

describe('PacketReader', () => {
  const a = encodePacket({ command: 1504, sessionId: 9, replyId: 3, data: Buffer.from('0000000010000000', 'hex') });
  const b = encodePacket({ command: 1504, sessionId: 9, replyId: 4, data: Buffer.from('1000000004000000', 'hex') });

  test('splits pipelined packets from one chunk', () => {
    expect(new PacketReader().push(Buffer.concat([a, b])).map((p) => p.replyId)).toEqual([3, 4]);
  });

  test('waits for the rest of a split packet', () => {
    const r = new PacketReader();
    expect(r.push(a.subarray(0, 10))).toEqual([]);
    expect(r.buffered).toBe(10);
    expect(r.push(a.subarray(10)).map((p) => p.data.toString('hex'))).toEqual(['0000000010000000']);
  });

  test('rejects bytes without the magic', () => {
    expect(() => new PacketReader().push(Buffer.from('deadbeef00000000', 'hex'))).toThrow(ZkFramingError);
  });
});
