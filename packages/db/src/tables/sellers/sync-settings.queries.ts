import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../database.js';
import { DEFAULT_SELLER_SYNC_SETTINGS, sellerSyncSettingsSchema, type SellerSyncSettings } from './sync-settings.schema.js';

/**
 * The seller-sync settings in force: `sellers.sync_config` rows over the defaults, validated by
 * the one schema. Every service that acts on a setting (seller-sync, alert-dispatcher's watchdog
 * and e-mail) reads it here, on each use, so a change applies without a restart. Throws when a
 * stored value no longer validates (the caller keeps its last good settings).
 */
export async function readSellerSyncSettings(db: Kysely<Database> | Transaction<Database>): Promise<SellerSyncSettings> {
  const rows = await db.selectFrom('sellers.sync_config').select(['config_key', 'config_value']).execute();
  return sellerSyncSettingsSchema.parse({ ...DEFAULT_SELLER_SYNC_SETTINGS, ...Object.fromEntries(rows.map((r) => [r.config_key, r.config_value])) });
}
