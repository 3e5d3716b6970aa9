import { describe, expect, test } from 'vitest';
import { dateToSerial } from '../emulator/cells.js';
import { SELLER_HEADER_ROW } from '../emulator/seed.js';
import { mapHeaders } from './columns.js';
import { parseSellerRow } from './validate-row.js';
import { SheetHeaderError } from '../errors.js';

const map = mapHeaders(SELLER_HEADER_ROW);
const row = (over: Record<number, unknown>): unknown[] => {
  const base: unknown[] = ['AA12', 'Sato Yui', dateToSerial('2024-03-05'), '', '', '', '', '', '', '', '', '', '', ''];
  for (const [k, v] of Object.entries(over)) base[Number(k)] = v;
  return base;
};

describe('parseSellerRow', () => {
  test('accepts a serial or ISO or slashed date and normalises numbers', () => {
    const a = parseSellerRow(row({ 12: '1,200,000' }), 5, map);
    expect(a).toMatchObject({ kind: 'seller', seller: { inquiryDate: '2024-03-05', property: { price: '1200000' } } });
    expect(parseSellerRow(row({ 2: '2024/3/5' }), 5, map)).toMatchObject({ seller: { inquiryDate: '2024-03-05', property: null } });
  });

  test.each([
    [{ 0: 'BB1' }, 'seller number "BB1" must be AA followed by digits'],
    [{ 0: '' }, 'seller number is empty'],
    [{ 1: '  ' }, 'name is empty'],
    [{ 2: '2024-02-30' }, 'inquiry date "2024-02-30" is not a date'],
    [{ 2: '' }, 'inquiry date is empty'],
    [{ 12: '12 million' }, 'price "12 million" is not a non-negative number'],
    [{ 4: 'not-mail' }, 'email "not-mail" is not an e-mail address'],
    [{ 13: 'yesterday' }, 'updated at "yesterday" is not a timestamp'],
  ])('rejects %j with a specific reason', (over, reason) => {
    const r = parseSellerRow(row(over), 9, map);
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') {
      expect(r.error.rowNumber).toBe(9);
      expect(r.error.message).toContain(reason);
    }
  });

  test('an all-empty row is blank, not invalid', () => {
    expect(parseSellerRow(['', ' ', null], 3, map)).toEqual({ kind: 'blank' });
  });
});

describe('mapHeaders', () => {
  test('maps by name whatever the order, and keeps unknown headers as extras', () => {
    const m = mapHeaders(['Inquiry Date', 'Region', ' seller  number ', 'NAME']);
    expect(m.fields).toMatchObject({ inquiryDate: 0, sellerNumber: 2, name: 3 });
    expect(m.extras).toEqual([{ index: 1, header: 'Region' }]);
  });

  test('a renamed required header or a duplicated one is a clear error', () => {
    expect(() => mapHeaders(['Seller Number', 'Owner', 'Inquiry Date'])).toThrow(/required column for name is missing/);
    expect(() => mapHeaders(['Seller Number', 'Name', 'Name', 'Inquiry Date'])).toThrow(SheetHeaderError);
    expect(mapHeaders(['Seller Number', 'Owner', 'Inquiry Date'], { name: ['Owner'] }).fields.name).toBe(1);
  });
});
