import { SheetHeaderError } from '../errors.js';
import { DEFAULT_HEADERS, REQUIRED_FIELDS, SELLER_FIELDS, type SellerField } from '../seller-columns.js';

/** Which 0-based column holds each field; headers we do not map are kept as `extra`. */
export interface ColumnMap {
  fields: Partial<Record<SellerField, number>>;
  extras: { index: number; header: string }[];
  width: number;
}

export type HeaderOverrides = Partial<Record<SellerField, string[]>>;

const norm = (h: unknown): string => String(h ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Maps header cells to fields by name (case and spacing ignored), never by position: a
 * column moved in the sheet still lands in the right field. Throws `SheetHeaderError`
 * listing every problem when a required column is missing or a mapped header repeats.
 *
 * @example
 * mapHeaders(['Seller Number', 'Name', 'Inquiry Date'], { name: ['Owner'] })
 */
export function mapHeaders(headerRow: readonly unknown[], overrides: HeaderOverrides = {}): ColumnMap {
  const headers = headerRow.map(norm);
  const fields: Partial<Record<SellerField, number>> = {};
  const used = new Set<number>();
  const problems: string[] = [];
  for (const field of SELLER_FIELDS) {
    const names = (overrides[field] ?? DEFAULT_HEADERS[field]).map(norm);
    const hits = headers.flatMap((h, i) => (names.includes(h) ? [i] : []));
    if (hits.length > 1) problems.push(`column for ${field} appears ${hits.length} times (${hits.map((i) => `"${headerRow[i]}"`).join(', ')}); keep one`);
    else if (hits.length === 1) {
      fields[field] = hits[0]!;
      used.add(hits[0]!);
    } else if (REQUIRED_FIELDS.includes(field)) problems.push(`required column for ${field} is missing (looked for ${names.map((n) => `"${n}"`).join(', ')})`);
  }
  if (problems.length > 0) throw new SheetHeaderError(problems, headerRow.map((h) => String(h ?? '')));
  const extras = headers.flatMap((h, index) => (h !== '' && !used.has(index) ? [{ index, header: String(headerRow[index]).trim() }] : []));
  return { fields, extras, width: headerRow.length };
}
