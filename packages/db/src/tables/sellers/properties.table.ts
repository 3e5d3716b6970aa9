import type { Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely';
import type { Numeric } from '../column-types.js';

/** `sellers.properties`: a seller's property, unique per `(seller_id, position)`. */
export interface SellerPropertyTable {
  id: GeneratedAlways<number>;
  seller_id: number;
  position: Generated<number>;
  address: string | null;
  property_type: string | null;
  land_area: Numeric | null;
  building_area: Numeric | null;
  price: Numeric | null;
  content_hash: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
export type SellerProperty = Selectable<SellerPropertyTable>;
export type NewSellerProperty = Insertable<SellerPropertyTable>;
export type SellerPropertyUpdate = Updateable<SellerPropertyTable>;
