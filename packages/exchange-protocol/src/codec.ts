import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { envelopeSchema, type Envelope } from './envelope.schema.js';
import { CorruptPacketError, formatIssues, InvalidEnvelopeError, PacketTooLargeError } from './errors.js';

export interface CodecLimits {
  /** Bytes on the wire. */
  maxCompressedBytes: number;
  /** Bytes after gunzip; bounds memory against a gzip bomb. */
  maxDecompressedBytes: number;
}

// 10,000 entities of ~1 KiB each fit; a larger batch should be split, not sent.
export const DEFAULT_LIMITS: CodecLimits = { maxCompressedBytes: 8 * 1024 * 1024, maxDecompressedBytes: 32 * 1024 * 1024 };

/**
 * Serialises and gzips an envelope (Property 22).
 *
 * @example
 * const bytes = encodeEnvelope({ header, body: { entities: [] } });
 */
export function encodeEnvelope(envelope: Envelope): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(envelope), 'utf8'));
}

/**
 * The same bytes as {@link encodeEnvelope} would decode to, with `body.entities` given already
 * serialised and gzipped: a gzip stream may hold several members (RFC 1952 2.2) and every gunzip
 * returns their concatenation, so a hub serves one compressed batch to many nodes and only
 * compresses each reply's small header. `envelope.body.entities` is ignored.
 *
 * @example
 * const bytes = encodeEnvelopeWithEntities(reply, gzipSync(JSON.stringify(entities)));
 */
export function encodeEnvelopeWithEntities(envelope: Envelope, entitiesGzipped: Buffer): Buffer {
  const { entities: _ignored, ...rest } = envelope.body;
  const tail = Object.keys(rest).length === 0 ? '}}' : `,${JSON.stringify(rest).slice(1)}}`;
  return Buffer.concat([
    gzipSync(`{"header":${JSON.stringify(envelope.header)},"body":{"entities":`, { level: 1 }),
    entitiesGzipped,
    gzipSync(tail, { level: 1 }),
  ]);
}

/**
 * Gunzips, parses and validates an envelope, refusing oversize, corrupt and
 * malformed input with a specific error before anything is applied.
 *
 * @example
 * const envelope = decodeEnvelope(request.body);
 */
export function decodeEnvelope(bytes: Buffer, limits: CodecLimits = DEFAULT_LIMITS): Envelope {
  if (bytes.length > limits.maxCompressedBytes) throw new PacketTooLargeError('compressed', limits.maxCompressedBytes);
  let json: Buffer;
  try {
    json = gunzipSync(bytes, { maxOutputLength: limits.maxDecompressedBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new PacketTooLargeError('decompressed', limits.maxDecompressedBytes);
    }
    throw new CorruptPacketError(`not gzip: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(json.toString('utf8'));
  } catch (error) {
    throw new CorruptPacketError(`not JSON: ${(error as Error).message}`);
  }
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) throw new InvalidEnvelopeError(formatIssues(parsed.error.issues));
  return parsed.data;
}

/** Hex SHA-256, the checksum stored with every packet and file. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}
