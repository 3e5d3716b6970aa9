import { MAX_CHUNK } from './commands.js';

/**
 * A bulk-read dataset: uint32 LE byte length of the records, then the
 * records. This is what CMD_DATA carries whole, or what chunks slice.
 */
export function encodeDataset(records: readonly Buffer[]): Buffer {
  const body = Buffer.concat(records as Buffer[]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length, 0);
  return Buffer.concat([size, body]);
}

/** Splits a dataset's records; throws if the length prefix and bytes disagree. */
export function decodeDataset(dataset: Buffer, recordSize: number): Buffer[] {
  if (dataset.length < 4) throw new RangeError(`dataset of ${dataset.length} bytes has no length prefix`);
  const declared = dataset.readUInt32LE(0);
  const body = dataset.subarray(4);
  if (body.length !== declared) throw new RangeError(`dataset declares ${declared} bytes but holds ${body.length}`);
  if (declared % recordSize !== 0) throw new RangeError(`dataset of ${declared} bytes is not a whole number of ${recordSize}-byte records`);
  const out: Buffer[] = [];
  for (let i = 0; i < body.length; i += recordSize) out.push(body.subarray(i, i + recordSize));
  return out;
}

/** The 13-byte "data stat" a device answers CMD_DATA_WRRQ with before chunking. */
export function encodeDataStat(totalSize: number): Buffer {
  const buf = Buffer.alloc(13);
  buf.writeUInt32LE(totalSize, 1);
  buf.writeUInt32LE(totalSize, 5);
  return buf;
}

/** The chunk requests node-zklib sends for `totalSize` bytes (start, size). */
export function chunkPlan(totalSize: number): Array<{ start: number; size: number }> {
  const plan: Array<{ start: number; size: number }> = [];
  for (let start = 0; start < totalSize; start += MAX_CHUNK) plan.push({ start, size: Math.min(MAX_CHUNK, totalSize - start) });
  return plan;
}
