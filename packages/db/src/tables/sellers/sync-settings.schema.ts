import { z } from 'zod';

// The value stored in `sellers.sync_config` (seed 002 Requirement 10): seller-sync reads it and
// hot-reloads, admin-gateway validates a change before writing it. Both services import this one
// schema, so the rules they apply cannot drift apart.

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

export const retryConfigSchema = z
  .object({
    maxRetries: int('retryConfig.maxRetries', 0, 10),
    initialDelayMs: int('retryConfig.initialDelayMs', 0, 600_000),
    maxDelayMs: int('retryConfig.maxDelayMs', 0, 600_000),
    backoffMultiplier: z.number().min(1, 'retryConfig.backoffMultiplier must be at least 1').max(10, 'retryConfig.backoffMultiplier must be at most 10'),
  })
  .strict()
  .refine((r) => r.maxDelayMs >= r.initialDelayMs, { message: 'retryConfig.maxDelayMs must not be below initialDelayMs', path: ['maxDelayMs'] });

export const alertConfigSchema = z
  .object({
    emailEnabled: z.boolean(),
    emailRecipients: z.array(z.email('each e-mail recipient must be an e-mail address')).max(50),
  })
  .strict()
  .refine((a) => !a.emailEnabled || a.emailRecipients.length > 0, {
    message: 'alertConfig.emailRecipients must list someone when emailEnabled is true',
    path: ['emailRecipients'],
  });

const settingsShape = {
  syncIntervalMinutes: int('syncIntervalMinutes (minutes)', 1, 1_440).describe('Minutes between scheduled syncs (at least 1)'),
  consecutiveFailureThreshold: int('consecutiveFailureThreshold', 1, 100).describe('Alert after this many failed runs in a row'),
  syncGapThreshold: int('syncGapThreshold', 0, 1_000_000).describe('Alert when a verification finds more missing sellers than this'),
  noSyncThresholdMinutes: int('noSyncThresholdMinutes', 1, 10_080).describe('Alert when no sync succeeded for this long'),
  autoRecoveryEnabled: z.boolean({ error: 'autoRecoveryEnabled must be true or false' }).describe('Re-sync gaps automatically'),
  invalidRowAlertPercent: int('invalidRowAlertPercent', 0, 100).describe('Alert when more than this % of non-blank sheet rows fail validation (0 = any invalid row)'),
  retryConfig: retryConfigSchema,
  alertConfig: alertConfigSchema,
};

export const sellerSyncSettingsSchema = z.object(settingsShape).strict();
export type SellerSyncSettings = z.infer<typeof sellerSyncSettingsSchema>;
export type SellerSyncSettingKey = keyof SellerSyncSettings;
export const SETTING_KEYS = Object.keys(settingsShape) as SellerSyncSettingKey[];

/** A change names only what it changes; unknown keys are refused, not ignored. */
export const sellerSyncSettingsPatchSchema = z
  .object(settingsShape)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, 'name at least one setting to change');

export const DEFAULT_SELLER_SYNC_SETTINGS: SellerSyncSettings = {
  syncIntervalMinutes: 15,
  consecutiveFailureThreshold: 3,
  syncGapThreshold: 5,
  noSyncThresholdMinutes: 30,
  autoRecoveryEnabled: true,
  invalidRowAlertPercent: 10,
  retryConfig: { maxRetries: 3, initialDelayMs: 1_000, maxDelayMs: 30_000, backoffMultiplier: 2 },
  alertConfig: { emailEnabled: false, emailRecipients: [] },
};
