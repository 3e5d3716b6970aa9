import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { JsonObject, CalendarDate } from '../column-types.js';

/** `sellers.sellers`: the copy of the sellers sheet, one row per `seller_number` (`AA` + digits). */
export interface SellerTable {
  id: GeneratedAlways<number>;
  seller_number: string;
  name: string;
  inquiry_date: CalendarDate;
  phone: string | null;
  email: string | null;
  address: string | null;
  status: string | null;
  notes: string | null;
  /** Sheet columns that have no column of their own. */
  extra: Generated<JsonObject>;
  /** Optimistic lock: `UPDATE ... SET version = version + 1 WHERE version = $seen`. */
  version: Generated<number>;
  /** Hash of the normalised sheet row; equal hash, no write. */
  content_hash: string;
  sheet_row: number | null;
  source_updated_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type Seller = Selectable<SellerTable>;
export type NewSeller = Insertable<SellerTable>;
export type SellerUpdate = Updateable<SellerTable>;
