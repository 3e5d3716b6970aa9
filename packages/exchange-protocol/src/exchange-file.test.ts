import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readExchangeFile, writeExchangeFile } from './exchange-file.js';
import { envelopeArb } from './testing/arbitraries.js';

describe('exchange file', () => {
  test('round-trips, and refuses any altered byte or a wrong checksum', () => {
    fc.assert(
      fc.property(envelopeArb, fc.nat(), (envelope, at) => {
        const text = writeExchangeFile(envelope);
        expect(readExchangeFile(text).envelope).toEqual(envelope);
        const file = JSON.parse(text) as { packet: string; sha256: string };
        const bytes = Buffer.from(file.packet, 'base64');
        bytes[at % bytes.length]! ^= 0x01;
        const altered = JSON.stringify({ ...file, packet: bytes.toString('base64') });
        expect(() => readExchangeFile(altered)).toThrow(expect.objectContaining({ code: 'corrupt_file' }));
      }),
      { numRuns: 50 },
    );
    expect(() => readExchangeFile('garbage')).toThrow(/not a JSON exchange file/);
  });
});
