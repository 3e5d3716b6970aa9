// seller-sync's hot settings live in packages/db beside the `sellers.sync_config` table, shared
// with seller-sync so the gateway validates a change with exactly the rules the service applies.
export {
  alertConfigSchema,
  DEFAULT_SELLER_SYNC_SETTINGS,
  retryConfigSchema,
  sellerSyncSettingsPatchSchema,
  sellerSyncSettingsSchema,
  SETTING_KEYS,
} from '@platform/db';
export type { SellerSyncSettingKey, SellerSyncSettings } from '@platform/db';
