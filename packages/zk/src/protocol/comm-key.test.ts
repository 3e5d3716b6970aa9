import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkCommKey, COMM_KEY_MAX, makeCommKey } from './comm-key.js';

describe('makeCommKey', () => {
  // Vectors from the protocol reference (they match pyzk's make_commkey).
  test.each([
    [0, 0x1234, 50, '617d326b'],
    [1, 0x0001, 50, '61fd3279'],
    [123456, 0x5a3c, 50, '267f32a3'],
    [999999, 0xfffe, 50, '22813296'],
    [8697, 0x0102, 77, '9a9d4d07'],
    [131071, 0xffff, 50, '617d3206'],
  ])('key %i, session %i, ticks %i -> %s', (key, session, ticks, hex) => {
    expect(makeCommKey(key, session, ticks).toString('hex')).toBe(hex);
  });

  test('the device accepts the right key with any ticks and refuses every other key', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: COMM_KEY_MAX }),
        fc.integer({ min: 0, max: COMM_KEY_MAX }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 255 }),
        (key, other, session, ticks) => {
          expect(checkCommKey(key, session, makeCommKey(key, session, ticks))).toBe(true);
          if (other !== key) expect(checkCommKey(key, session, makeCommKey(other, session, ticks))).toBe(false);
        },
      ),
      { numRuns: 200 },
    );
  });
});
