/**
 * Fingerprint templates as the device's template table (CMD_DB_RRQ, FCT 2)
 * holds them: u32 total, then entries of u16 size (template + 6), u16 uid,
 * u8 finger 0-9, u8 flag (0 invalid, 1 valid, 3 duress), template bytes.
 */
export interface FingerTemplate {
  uid: number;
  /** Finger index 0-9. */
  finger: number;
  /** 0 invalid, 1 valid, 3 duress. */
  flag: number;
  template: Buffer;
}

/** ZKFinger v10's largest template (firmware source); v9 is 602. */
export const MAX_TEMPLATE_SIZE = 1664;
export const TEMPLATE_FLAGS = [0, 1, 3] as const;
/** CMD_DB_RRQ bulk request for the fingerprint table: `01 07 00 02 00 ...` (exactly 11 bytes). */
export const GET_TEMPLATES_REQUEST = Buffer.from([0x01, 0x07, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);

/** Problems that make a template unwritable; empty when it is fine. */
export function templateIssues(t: FingerTemplate): string[] {
  const issues: string[] = [];
  if (!Number.isInteger(t.uid) || t.uid < 1 || t.uid > 65_535) issues.push('uid must be an integer 1..65535');
  if (!Number.isInteger(t.finger) || t.finger < 0 || t.finger > 9) issues.push('finger must be 0..9');
  if (!(TEMPLATE_FLAGS as readonly number[]).includes(t.flag)) issues.push('flag must be 0, 1 or 3');
  if (t.template.length < 1 || t.template.length > MAX_TEMPLATE_SIZE) issues.push(`template must be 1..${MAX_TEMPLATE_SIZE} bytes`);
  return issues;
}

/** Orders by uid, then finger: the order the device and our backups use. */
export const byUidFinger = (a: FingerTemplate, b: FingerTemplate): number => a.uid - b.uid || a.finger - b.finger;

export function encodeTemplateDataset(templates: readonly FingerTemplate[]): Buffer {
  const entries = templates.map((t) => {
    const head = Buffer.alloc(6);
    head.writeUInt16LE(t.template.length + 6, 0);
    head.writeUInt16LE(t.uid, 2);
    head.writeUInt8(t.finger, 4);
    head.writeUInt8(t.flag, 5);
    return Buffer.concat([head, t.template]);
  });
  const body = Buffer.concat(entries);
  const total = Buffer.alloc(4);
  total.writeUInt32LE(body.length, 0);
  return Buffer.concat([total, body]);
}

/** Decodes a whole template dataset; RangeError if any entry runs past the declared total. */
export function decodeTemplateDataset(dataset: Buffer): FingerTemplate[] {
  if (dataset.length < 4) throw new RangeError(`template dataset of ${dataset.length} bytes has no length prefix`);
  const declared = dataset.readUInt32LE(0);
  if (dataset.length - 4 !== declared) throw new RangeError(`template dataset declares ${declared} bytes but holds ${dataset.length - 4}`);
  const out: FingerTemplate[] = [];
  for (let at = 4; at < dataset.length; ) {
    if (at + 6 > dataset.length) throw new RangeError(`template entry at byte ${at} is cut off`);
    const size = dataset.readUInt16LE(at);
    if (size < 7 || at + size > dataset.length) throw new RangeError(`template entry at byte ${at} has impossible size ${size}`);
    out.push({ uid: dataset.readUInt16LE(at + 2), finger: dataset[at + 4]!, flag: dataset[at + 5]!, template: Buffer.from(dataset.subarray(at + 6, at + size)) });
    at += size;
  }
  return out;
}

/** CMD_SSRUSERTEMP_WRQ (132) payload: user_id[24], finger, flag, u16 length, template. */
export function encodeTemplateWrite(userId: string, t: FingerTemplate): Buffer {
  const head = Buffer.alloc(28);
  head.write(userId, 0, 24, 'latin1');
  head.writeUInt8(t.finger, 24);
  head.writeUInt8(t.flag, 25);
  head.writeUInt16LE(t.template.length, 26);
  return Buffer.concat([head, t.template]);
}

export function decodeTemplateWrite(data: Buffer): { userId: string; finger: number; flag: number; template: Buffer } {
  if (data.length < 28) throw new RangeError(`template write of ${data.length} bytes is shorter than its 28-byte head`);
  const length = data.readUInt16LE(26);
  if (data.length !== 28 + length) throw new RangeError(`template write declares ${length} bytes but carries ${data.length - 28}`);
  const idEnd = data.subarray(0, 24).indexOf(0);
  return { userId: data.toString('latin1', 0, idEnd === -1 ? 24 : idEnd), finger: data[24]!, flag: data[25]!, template: Buffer.from(data.subarray(28)) };
}
