import { z } from 'zod';
import { decodeEnvelope, encodeEnvelope, sha256, type CodecLimits } from './codec.js';
import type { Envelope } from './envelope.schema.js';
import { CorruptFileError } from './errors.js';

export const EXCHANGE_FILE_FORMAT = 'platform-exchange-file/1';

const fileSchema = z.strictObject({
  format: z.literal(EXCHANGE_FILE_FORMAT),
  /** SHA-256 of the gzipped packet bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The gzipped envelope, base64: the same bytes the HTTP endpoint takes. */
  packet: z.string(),
});

/**
 * A packet as a file for offline transport (USB stick, mail): the envelope
 * gzipped, base64-encoded, with its checksum. The packet number inside makes
 * a second import of the same file a no-op.
 *
 * @example
 * await writeFile('node-1.exchange', writeExchangeFile(envelope));
 */
export function writeExchangeFile(envelope: Envelope): string {
  const packet = encodeEnvelope(envelope);
  return `${JSON.stringify({ format: EXCHANGE_FILE_FORMAT, sha256: sha256(packet), packet: packet.toString('base64') }, null, 2)}\n`;
}

/** Parses and verifies a file; throws {@link CorruptFileError} on any damage. Returns the envelope and its packet bytes. */
export function readExchangeFile(text: string, limits?: CodecLimits): { envelope: Envelope; packet: Buffer } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CorruptFileError('not a JSON exchange file');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new CorruptFileError(`not a ${EXCHANGE_FILE_FORMAT} file`);
  const packet = Buffer.from(parsed.data.packet, 'base64');
  if (sha256(packet) !== parsed.data.sha256) throw new CorruptFileError('checksum mismatch: the file was altered or truncated');
  return { envelope: decodeEnvelope(packet, limits), packet };
}
