import { z } from 'zod';
import { csv, serviceEnv } from '@platform/runtime';

const seconds = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/**
 * alert-dispatcher's environment; see packages/runtime `serviceEnv` for the shared variables.
 * A channel exists only when its URL is set; the log channel always does.
 */
export const configSchema = serviceEnv
  .extend({
    HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9105),
    /** `smtp://user:pass@host:587` or `smtps://...`; unset means no e-mail channel. Never logged. */
    SMTP_URL: z
      .string()
      .refine((v) => URL.canParse(v) && ['smtp:', 'smtps:'].includes(new URL(v).protocol), {
        message: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587',
      })
      .optional(),
    ALERT_EMAIL_FROM: z.email().default('alerts@platform.local'),
    /** Comma-separated recipients; required when SMTP_URL is set. */
    ALERT_EMAIL_TO: csv.pipe(z.array(z.email())).optional(),
    /** Connect, greeting and socket timeouts of one SMTP attempt: a hung server must fail the attempt so it is retried. */
    SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Pooled SMTP connections: each carries one message at a time, so this bounds e-mail throughput in a burst. */
    SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
    /** JSON POST target; unset means no webhook channel. */
    WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    /**
     * HMAC-SHA256 key for `X-Signature`; required when WEBHOOK_URL is set, no default. Never logged.
     * No length rule here: loadConfig echoes a rejected value, and a secret must not reach stderr.
     */
    WEBHOOK_SECRET: z.string().min(1).optional(),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Repeats of a dedupe key within this many seconds of its last notification are counted, not sent. */
    DEDUPE_WINDOW_SECONDS: seconds(300),
    /** Alerts delivered in parallel; channels of one alert always run in parallel. */
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
    /** How often the no_sync watchdog runs. */
    WATCHDOG_EVERY_SECONDS: seconds(60),
    /** no_sync when an enabled device's last successful poll is older than this (default: 3 missed 5-minute polls). */
    NO_SYNC_DEVICE_SECONDS: seconds(900),
    /** no_sync when a tenant with meter-sync runs has no succeeded run finished within this. */
    NO_SYNC_METERS_SECONDS: seconds(7_200),
    /** no_sync when an enabled device's last backup is older than this (daily backups plus 2 h of slack). */
    NO_SYNC_BACKUPS_SECONDS: seconds(93_600),
  })
  .superRefine((c, ctx) => {
    if (c.SMTP_URL && !c.ALERT_EMAIL_TO?.length) {
      ctx.addIssue({ code: 'custom', path: ['ALERT_EMAIL_TO'], message: 'is required when SMTP_URL is set' });
    }
    if (c.WEBHOOK_URL && !c.WEBHOOK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET'], message: 'is required when WEBHOOK_URL is set' });
    }
  });

export type Config = z.infer<typeof configSchema>;
