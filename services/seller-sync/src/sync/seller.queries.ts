import { sql } from 'kysely';
import type { Database, Kysely, Transaction } from '@platform/db';
import type { SheetSeller } from '@platform/sheets';
import { contentHash, propertyHash } from './content-hash.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What the database holds for a seller when the run compared it. */
export interface StoredSeller {
  id: number;
  version: number;
  contentHash: string;
  /** The sheet's `Updated At` of the stored data, else when we last wrote it. */
  changedAt: Date;
}

/** One query for any number of sellers (the unique index on seller_number serves `= ANY`). */
export async function loadStored(db: Db, sellerNumbers: string[]): Promise<Map<string, StoredSeller>> {
  if (sellerNumbers.length === 0) return new Map();
  const rows = await db
    .selectFrom('sellers.sellers')
    .select(['id', 'seller_number', 'version', 'content_hash', 'source_updated_at', 'updated_at'])
    .where('seller_number', '=', sql<string>`ANY(${sellerNumbers}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.seller_number, { id: r.id, version: r.version, contentHash: r.content_hash, changedAt: r.source_updated_at ?? r.updated_at }]));
}

function columns(sellers: SheetSeller[]) {
  return {
    numbers: sellers.map((s) => s.sellerNumber),
    names: sellers.map((s) => s.name),
    dates: sellers.map((s) => s.inquiryDate),
    phones: sellers.map((s) => s.phone),
    emails: sellers.map((s) => s.email),
    addresses: sellers.map((s) => s.address),
    statuses: sellers.map((s) => s.status),
    notes: sellers.map((s) => s.notes),
    extras: sellers.map((s) => JSON.stringify(s.extra)),
    hashes: sellers.map(contentHash),
    rows: sellers.map((s) => s.rowNumber),
    updated: sellers.map((s) => s.updatedAt?.toISOString() ?? null),
  };
}

const UNNEST = (c: ReturnType<typeof columns>) => sql`unnest(
  ${c.numbers}::text[], ${c.names}::text[], ${c.dates}::date[], ${c.phones}::text[], ${c.emails}::text[],
  ${c.addresses}::text[], ${c.statuses}::text[], ${c.notes}::text[], ${c.extras}::jsonb[], ${c.hashes}::text[],
  ${c.rows}::int[], ${c.updated}::timestamptz[])
  AS u(seller_number, name, inquiry_date, phone, email, address, status, notes, extra, content_hash, sheet_row, source_updated_at)`;

/**
 * Inserts sellers the run did not find, one statement. Returns the ids of rows inserted;
 * a seller number missing from the result was inserted by someone else meanwhile (a conflict).
 */
export async function insertSellers(db: Db, sellers: SheetSeller[]): Promise<Map<string, number>> {
  if (sellers.length === 0) return new Map();
  const { rows } = await sql<{ id: number; seller_number: string }>`
    INSERT INTO sellers.sellers (seller_number, name, inquiry_date, phone, email, address, status, notes, extra, content_hash, sheet_row, source_updated_at)
    SELECT * FROM ${UNNEST(columns(sellers))}
    ON CONFLICT (seller_number) DO NOTHING
    RETURNING id, seller_number`.execute(db);
  return new Map(rows.map((r) => [r.seller_number, Number(r.id)]));
}

/**
 * Optimistic update (Property 40): a row is written only if its version is still the one the
 * run read, and its version goes up by one. Returns the ids of rows written; the others
 * changed underneath us and go to conflict resolution.
 */
export async function updateSellers(db: Db, sellers: SheetSeller[], seenVersions: number[]): Promise<Map<string, number>> {
  if (sellers.length === 0) return new Map();
  const c = columns(sellers);
  const { rows } = await sql<{ id: number; seller_number: string }>`
    UPDATE sellers.sellers s SET
      name = u.name, inquiry_date = u.inquiry_date, phone = u.phone, email = u.email, address = u.address,
      status = u.status, notes = u.notes, extra = u.extra, content_hash = u.content_hash, sheet_row = u.sheet_row,
      source_updated_at = u.source_updated_at, version = s.version + 1, updated_at = now()
    FROM (SELECT u.*, v.seen_version FROM ${UNNEST(c)}
          JOIN unnest(${c.numbers}::text[], ${seenVersions}::int[]) AS v(seller_number, seen_version) USING (seller_number)) u
    WHERE s.seller_number = u.seller_number AND s.version = u.seen_version
    RETURNING s.id, s.seller_number`.execute(db);
  return new Map(rows.map((r) => [r.seller_number, Number(r.id)]));
}

/** Upserts position-1 properties of written sellers; an unchanged property is not rewritten. */
export async function upsertProperties(db: Db, written: { seller: SheetSeller; id: number }[]): Promise<void> {
  const withProperty = written.filter((w) => w.seller.property !== null);
  if (withProperty.length === 0) return;
  const p = withProperty.map((w) => w.seller.property!);
  await sql`
    INSERT INTO sellers.properties (seller_id, position, address, property_type, land_area, building_area, price, content_hash)
    SELECT seller_id, 1, address, property_type, land_area, building_area, price, content_hash FROM unnest(
      ${withProperty.map((w) => w.id)}::bigint[], ${p.map((x) => x.address)}::text[], ${p.map((x) => x.type)}::text[],
      ${p.map((x) => x.landArea)}::numeric[], ${p.map((x) => x.buildingArea)}::numeric[], ${p.map((x) => x.price)}::numeric[],
      ${withProperty.map((w) => propertyHash(w.seller))}::text[])
      AS u(seller_id, address, property_type, land_area, building_area, price, content_hash)
    ON CONFLICT (seller_id, position) DO UPDATE SET
      address = EXCLUDED.address, property_type = EXCLUDED.property_type, land_area = EXCLUDED.land_area,
      building_area = EXCLUDED.building_area, price = EXCLUDED.price, content_hash = EXCLUDED.content_hash, updated_at = now()
    WHERE sellers.properties.content_hash IS DISTINCT FROM EXCLUDED.content_hash`.execute(db);
}
