/** Counts and capacities the device reports for CMD_GET_FREE_SIZES. */
export interface DeviceStatus {
  users: number;
  /** Fingerprint templates (int32 index 6, pyzk `read_sizes`). */
  fingers?: number;
  logs: number;
  userCapacity: number;
  logCapacity: number;
}

export const STATUS_SIZE = 92;

/**
 * Encodes the 92-byte int32 table. node-zklib reads users at data offset 16,
 * logs at 32 and log capacity at 64; pyzk also reads the remaining fields.
 */
export function encodeDeviceStatus(s: DeviceStatus): Buffer {
  const buf = Buffer.alloc(STATUS_SIZE);
  buf.writeInt32LE(s.users, 16);
  buf.writeInt32LE(s.fingers ?? 0, 24);
  buf.writeInt32LE(s.logs, 32);
  buf.writeInt32LE(s.userCapacity, 60);
  buf.writeInt32LE(s.logCapacity, 64);
  buf.writeInt32LE(Math.max(0, s.userCapacity - s.users), 72);
  buf.writeInt32LE(Math.max(0, s.logCapacity - s.logs), 76);
  return buf;
}

/** Decodes the fields above from a reply's data. */
export function decodeDeviceStatus(data: Buffer): DeviceStatus {
  if (data.length < 68) throw new RangeError(`device status needs at least 68 bytes, got ${data.length}`);
  return {
    users: data.readInt32LE(16),
    logs: data.readInt32LE(32),
    userCapacity: data.readInt32LE(60),
    logCapacity: data.readInt32LE(64),
  };
}
