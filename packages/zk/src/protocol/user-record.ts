/** A user as stored on the device (one 72-byte record). */
export interface DeviceUser {
  /** Internal slot number, 1..65535; writes and deletes address users by it. */
  uid: number;
  /** The PIN people know, digits only, at most 9 (node-zklib reads 9 bytes). */
  userId: string;
  /** Printable ASCII, at most 24 characters (the record's name field). */
  name: string;
  /** Printable ASCII, at most 8 characters; '' for none. */
  password: string;
  /** uint32 card number; 0 for none. */
  cardNumber: number;
  /** Permission byte: 0 user, 2 enroller, 6 manager, 14 admin (bit 0 = disabled). */
  privilege: number;
  /** Group number, 0..255. */
  groupId: number;
}

export const USER_RECORD_SIZE = 72;

const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * Problems that would stop `user` from surviving a write and a node-zklib
 * read unchanged; empty when it is valid.
 */
export function deviceUserIssues(user: DeviceUser): string[] {
  const issues: string[] = [];
  if (!Number.isInteger(user.uid) || user.uid < 1 || user.uid > 65_535) issues.push(`uid must be an integer 1..65535, got ${user.uid}`);
  if (!/^\d{1,9}$/.test(user.userId)) issues.push(`userId must be 1-9 digits, got "${user.userId}"`);
  if (!PRINTABLE.test(user.name) || user.name.length > 24) issues.push(`name must be at most 24 printable ASCII characters, got "${user.name}"`);
  if (!PRINTABLE.test(user.password) || user.password.length > 8) issues.push('password must be at most 8 printable ASCII characters');
  if (!Number.isInteger(user.cardNumber) || user.cardNumber < 0 || user.cardNumber > 0xffff_ffff) issues.push(`cardNumber must be a uint32, got ${user.cardNumber}`);
  if (!Number.isInteger(user.privilege) || user.privilege < 0 || user.privilege > 255) issues.push(`privilege must be a byte, got ${user.privilege}`);
  if (!Number.isInteger(user.groupId) || user.groupId < 0 || user.groupId > 255) issues.push(`groupId must be a byte, got ${user.groupId}`);
  return issues;
}

/** Encodes the 72-byte record used both by bulk reads and by CMD_USER_WRQ. */
export function encodeUserRecord(user: DeviceUser): Buffer {
  const buf = Buffer.alloc(USER_RECORD_SIZE);
  buf.writeUInt16LE(user.uid, 0);
  buf.writeUInt8(user.privilege, 2);
  buf.write(user.password, 3, 8, 'latin1');
  buf.write(user.name, 11, 24, 'latin1');
  buf.writeUInt32LE(user.cardNumber, 35);
  buf.writeUInt8(user.groupId, 39);
  buf.write(user.userId, 48, 24, 'latin1');
  return buf;
}

function field(buf: Buffer, start: number, length: number): string {
  const raw = buf.subarray(start, start + length);
  const nul = raw.indexOf(0);
  return raw.subarray(0, nul === -1 ? raw.length : nul).toString('latin1');
}

/** Decodes one 72-byte record, bounding each text field by its own width. */
export function decodeUserRecord(buf: Buffer): DeviceUser {
  if (buf.length !== USER_RECORD_SIZE) throw new RangeError(`user record must be ${USER_RECORD_SIZE} bytes, got ${buf.length}`);
  return {
    uid: buf.readUInt16LE(0),
    privilege: buf.readUInt8(2),
    password: field(buf, 3, 8),
    name: field(buf, 11, 24),
    cardNumber: buf.readUInt32LE(35),
    groupId: buf.readUInt8(39),
    userId: field(buf, 48, 24),
  };
}
