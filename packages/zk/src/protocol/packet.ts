/**
 * TCP framing: an 8-byte "top" (magic 50 50 82 7d + uint32 length), then an
 * 8-byte command header (command, checksum, session, reply number) and data.
 */
export interface Packet {
  command: number;
  checksum: number;
  sessionId: number;
  replyId: number;
  data: Buffer;
}

const MAGIC = Buffer.from([0x50, 0x50, 0x82, 0x7d]);
export const TOP_SIZE = 8;
export const HEADER_SIZE = 8;

/** Thrown when bytes on the wire are not ZK TCP packets. */
export class ZkFramingError extends Error {
  override readonly name = 'ZkFramingError';
}

/**
 * Standard ones'-complement checksum of header (checksum field zero) + data.
 * node-zklib computes it differently, but its two quirks cancel out and the
 * value on the wire equals this one (see README, "Protocol facts").
 */
export function checksum(headerAndData: Buffer): number {
  let sum = 0;
  for (let i = 0; i < headerAndData.length; i += 2) {
    sum += i + 1 < headerAndData.length ? headerAndData.readUInt16LE(i) : headerAndData[i]!;
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  return ~sum & 0xffff;
}

/** Encodes one packet, top included, ready for a single `socket.write`. */
export function encodePacket(p: Omit<Packet, 'checksum'>): Buffer {
  const body = Buffer.alloc(HEADER_SIZE + p.data.length);
  body.writeUInt16LE(p.command, 0);
  body.writeUInt16LE(p.sessionId, 4);
  body.writeUInt16LE(p.replyId, 6);
  p.data.copy(body, HEADER_SIZE);
  body.writeUInt16LE(checksum(body), 2);
  const top = Buffer.alloc(TOP_SIZE);
  MAGIC.copy(top, 0);
  top.writeUInt32LE(body.length, 4);
  return Buffer.concat([top, body]);
}

/**
 * Splits a byte stream into packets. One socket 'data' event may hold several
 * packets (node-zklib pipelines chunk requests) or part of one.
 */
export class PacketReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Bytes received but not yet part of a complete packet. */
  get buffered(): number {
    return this.pending.length;
  }

  push(chunk: Buffer): Packet[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const packets: Packet[] = [];
    while (this.pending.length >= TOP_SIZE) {
      if (this.pending.compare(MAGIC, 0, 4, 0, 4) !== 0) {
        throw new ZkFramingError(`bad packet magic ${this.pending.subarray(0, 4).toString('hex')}`);
      }
      const length = this.pending.readUInt32LE(4);
      if (length < HEADER_SIZE) throw new ZkFramingError(`packet length ${length} is shorter than a header`);
      if (this.pending.length < TOP_SIZE + length) break;
      const body = this.pending.subarray(TOP_SIZE, TOP_SIZE + length);
      packets.push({
        command: body.readUInt16LE(0),
        checksum: body.readUInt16LE(2),
        sessionId: body.readUInt16LE(4),
        replyId: body.readUInt16LE(6),
        data: Buffer.from(body.subarray(HEADER_SIZE)),
      });
      this.pending = this.pending.subarray(TOP_SIZE + length);
    }
    return packets;
  }
}
