import { DEFAULT_SELLER_SYNC_SETTINGS, sellerSyncSettingsSchema, type SellerSyncSettings } from '@platform/db';

/**
 * Hot-reloadable settings (spec 002 Req 10), one `sellers.sync_config` row per key.
 * The schema lives in packages/db beside the table so admin-gateway validates a
 * change with exactly these rules before writing it.
 */
export const syncSettingsSchema = sellerSyncSettingsSchema;
export type SyncSettings = SellerSyncSettings;
export type SyncSettingKey = keyof SyncSettings;
export const DEFAULT_SYNC_SETTINGS: SyncSettings = DEFAULT_SELLER_SYNC_SETTINGS;

/** Settings that fail validation; `issues` name each field and the rule it broke. */
export class SyncSettingsError extends Error {
  override readonly name = 'SyncSettingsError';
  constructor(readonly issues: string[]) {
    super(`invalid sync settings: ${issues.join('; ')}`);
  }
}

/** Merges `patch` over `base` and validates the whole; unknown keys are errors, not ignored. */
export function mergeSettings(base: SyncSettings, patch: Record<string, unknown>): SyncSettings {
  const parsed = syncSettingsSchema.safeParse({ ...base, ...patch });
  if (!parsed.success) {
    throw new SyncSettingsError(
      parsed.error.issues.map((i) => (i.code === 'unrecognized_keys' ? `unknown setting(s): ${i.keys.join(', ')}` : i.message)),
    );
  }
  return parsed.data;
}
