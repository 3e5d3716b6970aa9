import { dateToSerial, instantToSerial } from '../serial-time.js';
import type { Cell } from './cells.js';
import { DEFAULT_HEADERS, SELLER_FIELDS } from '../seller-columns.js';

/** One seller as a test or the generator describes it, before it becomes a sheet row. */
export interface SellerSeed {
  sellerNumber: string;
  name: string;
  inquiryDate: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  status: string | null;
  notes: string | null;
  property: { address: string | null; type: string | null; landArea: number | null; buildingArea: number | null; price: number | null } | null;
  /** ISO timestamp of the last edit in the sheet. */
  updatedAt: string | null;
}

export const SELLER_HEADER_ROW: Cell[] = SELLER_FIELDS.map((f) => DEFAULT_HEADERS[f][0]!);

/**
 * The sheet row for a seller, in the default column order: dates and the `Updated At` date-time as
 * serials (wall clock in the spreadsheet's `timeZone`, as Google stores them), price grouped.
 */
export function sellerRow(s: SellerSeed, timeZone = 'Etc/UTC'): Cell[] {
  const p = s.property;
  return [
    s.sellerNumber,
    s.name,
    { serial: dateToSerial(s.inquiryDate), format: 'date' },
    s.phone,
    s.email,
    s.address,
    s.status,
    s.notes,
    p?.address ?? null,
    p?.type ?? null,
    p?.landArea ?? null,
    p?.buildingArea ?? null,
    p?.price == null ? null : { amount: p.price, format: 'grouped' },
    s.updatedAt === null ? null : { serial: instantToSerial(new Date(s.updatedAt), timeZone), format: 'datetime' },
  ];
}

/** Header row plus one row per seller. */
export function sellerSheet(sellers: SellerSeed[], timeZone = 'Etc/UTC'): Cell[][] {
  return [SELLER_HEADER_ROW, ...sellers.map((s) => sellerRow(s, timeZone))];
}

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SURNAMES = ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato'];
const GIVEN = ['Haruto', 'Yui', 'Sota', 'Hina', 'Ren', 'Aoi', 'Yuto', 'Mei', 'Riku', 'Sakura'];
const TYPES = ['land', 'house', 'apartment', 'building'];
const STATUSES = ['new', 'contacted', 'visiting', 'contracted', 'lost'];

/**
 * `n` deterministic sellers `AA<start>`..: the same `seed` gives the same sheet.
 *
 * @example
 * store.putSheet('book', 'Sellers', sellerSheet(generateSellers(1000, 42)));
 */
export function generateSellers(n: number, seed: number, start = 1): SellerSeed[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const day0 = Date.UTC(2020, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const hasProperty = rnd() < 0.8;
    return {
      sellerNumber: `AA${start + i}`,
      name: `${pick(SURNAMES)} ${pick(GIVEN)}`,
      inquiryDate: new Date(day0 + Math.floor(rnd() * 2000) * 86_400_000).toISOString().slice(0, 10),
      phone: rnd() < 0.9 ? `090-${String(Math.floor(rnd() * 1e4)).padStart(4, '0')}-${String(Math.floor(rnd() * 1e4)).padStart(4, '0')}` : null,
      email: rnd() < 0.6 ? `seller${start + i}@example.com` : null,
      address: `${Math.floor(rnd() * 999) + 1} Chome, Osaka`,
      status: pick(STATUSES),
      notes: rnd() < 0.2 ? 'call back after 6pm' : null,
      property: hasProperty
        ? {
            address: `${Math.floor(rnd() * 99) + 1}-${Math.floor(rnd() * 30) + 1} Sakai`,
            type: pick(TYPES),
            landArea: Math.round(rnd() * 50_000) / 100,
            buildingArea: rnd() < 0.7 ? Math.round(rnd() * 30_000) / 100 : null,
            price: Math.floor(rnd() * 900) * 100_000 + 1_000_000,
          }
        : null,
      updatedAt: new Date(day0 + Math.floor(rnd() * 2000 * 86_400)).toISOString(),
    };
  });
}
