import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeEnvelope, encodeEnvelope, encodeEnvelopeWithEntities } from './codec.js';
import { envelopeArb } from './testing/arbitraries.js';

describe('envelope codec', () => {
  test('Feature: sync-system, Property 22: GZIP compression', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const bytes = encodeEnvelope(envelope);
        // gzip magic number, and the payload is the envelope's JSON
        expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
        expect(JSON.parse(gunzipSync(bytes).toString('utf8'))).toEqual(envelope);
        expect(decodeEnvelope(bytes)).toEqual(envelope);
      }),
      { numRuns: 100 },
    );
  });

  test('a reply with pre-gzipped entities decodes to the same envelope as one encoded whole', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const bytes = encodeEnvelopeWithEntities(envelope, gzipSync(JSON.stringify(envelope.body.entities)));
        expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
        expect(decodeEnvelope(bytes)).toEqual(decodeEnvelope(encodeEnvelope(envelope)));
      }),
      { numRuns: 100 },
    );
  });

  test('Feature: sync-system, Property 20: Protocol version inclusion', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const decoded = decodeEnvelope(encodeEnvelope(envelope));
        expect(decoded.header.schema_version).toBe(envelope.header.schema_version);
        // a message without its schema version is not a message
        const { schema_version: _dropped, ...header } = envelope.header;
        const bytes = gzipSync(JSON.stringify({ ...envelope, header }));
        expect(() => decodeEnvelope(bytes)).toThrow(/header\.schema_version/);
      }),
      { numRuns: 100 },
    );
  });

  test('refuses non-gzip, non-JSON, oversize and gzip-bomb bodies with specific codes', () => {
    const env = fc.sample(envelopeArb, 1)[0]!;
    const good = encodeEnvelope(env);
    expect(() => decodeEnvelope(Buffer.from('plain text'))).toThrow(expect.objectContaining({ code: 'corrupt_packet' }));
    const tampered = Buffer.from(good);
    tampered[tampered.length - 6]! ^= 0xff; // flips a CRC byte
    expect(() => decodeEnvelope(tampered)).toThrow(expect.objectContaining({ code: 'corrupt_packet' }));
    expect(() => decodeEnvelope(gzipSync('{not json'))).toThrow(expect.objectContaining({ code: 'corrupt_packet' }));
    expect(() => decodeEnvelope(good, { maxCompressedBytes: 10, maxDecompressedBytes: 1e6 })).toThrow(
      expect.objectContaining({ code: 'packet_too_large' }),
    );
    const bomb = gzipSync(Buffer.alloc(5_000_000, 0x20));
    expect(() => decodeEnvelope(bomb, { maxCompressedBytes: 1e6, maxDecompressedBytes: 1e6 })).toThrow(
      expect.objectContaining({ code: 'packet_too_large', details: { which: 'decompressed', limitBytes: 1e6 } }),
    );
    expect(() => decodeEnvelope(gzipSync(JSON.stringify({ ...env, extra: 1 })))).toThrow(
      expect.objectContaining({ code: 'invalid_envelope' }),
    );
  });
});
