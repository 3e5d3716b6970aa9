/**
 * The 4-byte CMD_AUTH payload that proves a client knows the device's comm key
 * (firmware `MakeKey`/`CheckCommKey`, pyzk `make_commkey`). node-zklib 1.3.0 on
 * npm has no auth step, so this lives in our own connection layer.
 */

/** Smallest and largest comm key a device menu accepts (6 digits; the platform.devices CHECK). */
export const COMM_KEY_MAX = 999_999;

function reverseBits32(n: number): number {
  let r = 0;
  for (let i = 0; i < 32; i++) r = (r << 1) | ((n >>> i) & 1);
  return r >>> 0;
}

/**
 * Scrambles `key` with the session id the CONNECT reply assigned. `ticks` is
 * the one free byte (pyzk and node-zklib master send 50); the device reads it
 * back from byte 2 and checks only bytes 0, 1 and 3.
 */
export function makeCommKey(key: number, sessionId: number, ticks = 50): Buffer {
  const k = (reverseBits32(key >>> 0) + (sessionId & 0xffff)) >>> 0;
  const b0 = (k & 0xff) ^ 0x5a; // 'Z'
  const b1 = ((k >>> 8) & 0xff) ^ 0x4b; // 'K'
  const b2 = ((k >>> 16) & 0xff) ^ 0x53; // 'S'
  const b3 = ((k >>> 24) & 0xff) ^ 0x4f; // 'O'
  const b = ticks & 0xff;
  // Halves swapped: [b2, b3, b0, b1]; the third byte is replaced by `ticks`.
  return Buffer.from([b2 ^ b, b3 ^ b, b, b1 ^ b]);
}

/** The device side: does `payload` prove `key` for this session? */
export function checkCommKey(key: number, sessionId: number, payload: Buffer): boolean {
  if (payload.length !== 4) return false;
  const expected = makeCommKey(key, sessionId, payload[2]!);
  return payload[0] === expected[0] && payload[1] === expected[1] && payload[3] === expected[3];
}
