import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { columnLetters, columnNumber, parseA1 } from './a1.js';
import { A1RangeError } from './errors.js';

describe('parseA1', () => {
  test('reads the shapes the reader and people use', () => {
    expect(parseA1('Sellers!A2:Z')).toEqual({ sheet: 'Sellers', startRow: 2, endRow: null, startCol: 1, endCol: 26 });
    expect(parseA1("'My ''big'' sheet'!B:C")).toEqual({ sheet: "My 'big' sheet", startRow: 1, endRow: null, startCol: 2, endCol: 3 });
    expect(parseA1('A1:C10')).toEqual({ sheet: null, startRow: 1, endRow: 10, startCol: 1, endCol: 3 });
    expect(parseA1('Sellers!1:1')).toEqual({ sheet: 'Sellers', startRow: 1, endRow: 1, startCol: 1, endCol: null });
    expect(parseA1('Sellers!B3')).toEqual({ sheet: 'Sellers', startRow: 3, endRow: 3, startCol: 2, endCol: 2 });
    expect(parseA1('Sellers')).toEqual({ sheet: 'Sellers', startRow: 1, endRow: null, startCol: 1, endCol: null });
  });

  test('rejects malformed ranges with the reason', () => {
    expect(() => parseA1('Sellers!A5:A2')).toThrow(/end row is before start row/);
    expect(() => parseA1('Sellers!A1:B2:C3')).toThrow(A1RangeError);
    expect(() => parseA1("'open!A1")).toThrow(/unterminated/);
    expect(() => parseA1('S!A0')).toThrow(/rows start at 1/);
  });

  test('column letters and numbers are inverse', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 18_278 }), (n) => columnNumber(columnLetters(n)) === n), { numRuns: 200 });
    expect(columnLetters(27)).toBe('AA');
  });
});
