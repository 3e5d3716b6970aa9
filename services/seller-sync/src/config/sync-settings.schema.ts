import { z } from 'zod';

const int = (what: string, min: number, max: number) =>
  z
    .number({ error: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

/**
 * Hot-reloadable settings (spec 002 Req 10), one `sellers.sync_config` row per key.
 * admin-gateway validates with the same rules before writing.
 */
export const syncSettingsSchema = z
  .object({
    /** Minutes between scheduled syncs (Property 42: at least 1). */
    syncIntervalMinutes: int('syncIntervalMinutes (minutes)', 1, 1_440),
    /** Alert after this many consecutive failed runs (Property 43). */
    consecutiveFailureThreshold: int('consecutiveFailureThreshold', 1, 100),
    /** Alert when a verification finds more gaps than this (Property 44). */
    syncGapThreshold: int('syncGapThreshold', 0, 1_000_000),
    /** Used by alert-dispatcher's watchdog: alert when no successful sync for this long. */
    noSyncThresholdMinutes: int('noSyncThresholdMinutes', 1, 10_080),
    /** Re-sync gaps automatically after verification (Property 45). */
    autoRecoveryEnabled: z.boolean({ error: 'autoRecoveryEnabled must be true or false' }),
    retryConfig: z
      .object({
        maxRetries: int('retryConfig.maxRetries', 0, 10),
        initialDelayMs: int('retryConfig.initialDelayMs', 0, 600_000),
        maxDelayMs: int('retryConfig.maxDelayMs', 0, 600_000),
        backoffMultiplier: z.number().min(1, 'retryConfig.backoffMultiplier must be at least 1').max(10, 'retryConfig.backoffMultiplier must be at most 10'),
      })
      .strict()
      .refine((r) => r.maxDelayMs >= r.initialDelayMs, 'retryConfig.maxDelayMs must not be below initialDelayMs'),
    alertConfig: z
      .object({
        emailEnabled: z.boolean(),
        emailRecipients: z.array(z.email('each e-mail recipient must be an e-mail address')).max(50),
      })
      .strict()
      .refine((a) => !a.emailEnabled || a.emailRecipients.length > 0, 'alertConfig.emailRecipients must list someone when emailEnabled is true'),
  })
  .strict();

export type SyncSettings = z.infer<typeof syncSettingsSchema>;
export type SyncSettingKey = keyof SyncSettings;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = {
  syncIntervalMinutes: 15,
  consecutiveFailureThreshold: 3,
  syncGapThreshold: 5,
  noSyncThresholdMinutes: 30,
  autoRecoveryEnabled: true,
  retryConfig: { maxRetries: 3, initialDelayMs: 1_000, maxDelayMs: 30_000, backoffMultiplier: 2 },
  alertConfig: { emailEnabled: false, emailRecipients: [] },
};

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
