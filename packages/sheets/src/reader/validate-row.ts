import { RowValidationError } from '../errors.js';
import { serialToDate, serialToInstant } from '../serial-time.js';
import type { ColumnMap } from './columns.js';
import type { SellerField } from '../seller-columns.js';

/** A valid sellers-sheet row, normalised (trimmed strings, ISO date, numbers as decimal strings). */
export interface SheetSeller {
  rowNumber: number;
  sellerNumber: string;
  name: string;
  /** `YYYY-MM-DD`. */
  inquiryDate: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  status: string | null;
  notes: string | null;
  property: SheetProperty | null;
  /** When the row was last edited in the sheet (the `Updated At` column), if the sheet has one. */
  updatedAt: Date | null;
  extra: Record<string, string>;
}

export interface SheetProperty {
  address: string | null;
  type: string | null;
  landArea: string | null;
  buildingArea: string | null;
  price: string | null;
}

export type RowResult = { kind: 'seller'; seller: SheetSeller } | { kind: 'invalid'; error: RowValidationError } | { kind: 'blank' };

export const SELLER_NUMBER = /^AA\d+$/;

// Serials Google can hold: 1 (1899-12-31) .. 2958465 (9999-12-31).
const MAX_SERIAL = 2_958_465;

class Invalid extends Error {}

const text = (v: unknown): string | null => {
  const s = v === undefined || v === null ? '' : String(v).trim();
  return s === '' ? null : s;
};

function bounded(field: string, v: unknown, max: number): string | null {
  const s = text(v);
  if (s !== null && s.length > max) throw new Invalid(`${field} is ${s.length} characters; at most ${max} fit`);
  return s;
}

function isoDate(v: unknown): string | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > MAX_SERIAL) throw new Invalid(`inquiry date serial ${v} is out of range`);
    return serialToDate(v);
  }
  const s = text(v);
  if (s === null) return null;
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(s);
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
  if (!m || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    throw new Invalid(`inquiry date "${s}" is not a date (expected YYYY-MM-DD)`);
  }
  return iso;
}

function decimal(field: string, v: unknown, maxExclusive: number): string | null {
  if (v === undefined || v === null || v === '') return null;
  const s = typeof v === 'number' ? String(v) : String(v).trim().replaceAll(',', '');
  if (s === '') return null;
  const n = Number(s);
  if (!/^\d+(\.\d+)?$/.test(s) || !Number.isFinite(n)) throw new Invalid(`${field} "${String(v).trim()}" is not a non-negative number`);
  if (n >= maxExclusive) throw new Invalid(`${field} ${s} is too large (limit ${maxExclusive})`);
  return (Math.round(n * 100) / 100).toString();
}

/**
 * `Updated At`: under UNFORMATTED_VALUE a date-time cell is a serial, wall clock in the
 * spreadsheet's time zone; a text cell must be ISO 8601.
 */
function timestamp(v: unknown, timeZone: string): Date | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 1 || v > MAX_SERIAL) throw new Invalid(`updated at serial ${v} is out of range`);
    return serialToInstant(v, timeZone);
  }
  const s = text(v);
  if (s === null) return null;
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new Invalid(`updated at "${s}" is not a timestamp (expected ISO 8601)`);
  return new Date(t);
}

/**
 * Validates one row: seller number `AA` + digits, name and inquiry date required;
 * optional fields must fit their columns; property fields, when present, must be numbers.
 *
 * @example
 * parseSellerRow(['AA12', 'Sato', 45356], 7, mapHeaders(header)) // { kind: 'seller', ... }
 */
export function parseSellerRow(values: readonly unknown[], rowNumber: number, map: ColumnMap, timeZone = 'Etc/UTC'): RowResult {
  if (values.every((v) => text(v) === null)) return { kind: 'blank' };
  const at = (f: SellerField): unknown => (map.fields[f] === undefined ? undefined : values[map.fields[f]!]);
  const rawNumber = text(at('sellerNumber'));
  const sellerNumber = rawNumber !== null && SELLER_NUMBER.test(rawNumber) ? rawNumber : null;
  try {
    if (rawNumber === null) throw new Invalid('seller number is empty');
    if (sellerNumber === null) throw new Invalid(`seller number "${rawNumber}" must be AA followed by digits (e.g. AA12679)`);
    const name = bounded('name', at('name'), 255);
    if (name === null) throw new Invalid('name is empty');
    const inquiryDate = isoDate(at('inquiryDate'));
    if (inquiryDate === null) throw new Invalid('inquiry date is empty');
    const email = bounded('email', at('email'), 255);
    if (email !== null && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new Invalid(`email "${email}" is not an e-mail address`);
    const property: SheetProperty = {
      address: bounded('property address', at('propertyAddress'), 10_000),
      type: bounded('property type', at('propertyType'), 100),
      landArea: decimal('land area', at('landArea'), 1e10),
      buildingArea: decimal('building area', at('buildingArea'), 1e10),
      price: decimal('price', at('price'), 1e12),
    };
    const extra: Record<string, string> = {};
    for (const { index, header } of map.extras) {
      const v = text(values[index]);
      if (v !== null) extra[header] = v;
    }
    return {
      kind: 'seller',
      seller: {
        rowNumber,
        sellerNumber,
        name,
        inquiryDate,
        phone: bounded('phone', at('phone'), 50),
        email,
        address: bounded('address', at('address'), 10_000),
        status: bounded('status', at('status'), 100),
        notes: bounded('notes', at('notes'), 10_000),
        property: Object.values(property).some((v) => v !== null) ? property : null,
        updatedAt: timestamp(at('updatedAt'), timeZone),
        extra,
      },
    };
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    return { kind: 'invalid', error: new RowValidationError(rowNumber, sellerNumber, err.message) };
  }
}
