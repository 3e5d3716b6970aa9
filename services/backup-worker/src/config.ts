import { z } from 'zod';
import { serviceEnv } from '@platform/runtime';

/** backup-worker's environment; see packages/runtime `serviceEnv` for the shared variables. */
export const configSchema = serviceEnv.extend({
  HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9106),
  /**
   * Where backup files go (a volume in k8s/compose). Files hold device PINs:
   * the service creates it 0700 and files 0600; keep it off shared storage.
   */
  BACKUP_DIR: z.string().min(1).default('./.data/backups'),
  /** Seed 000 Req 8.1: at least one backup of every device in any window this long. */
  BACKUP_INTERVAL_HOURS: z.coerce.number().min(1).max(168).default(6),
  /**
   * The scheduler fires this much earlier than the interval, so a backup that
   * starts a few minutes late (queue wait, device busy, one retry) still lands
   * inside every interval-long window.
   */
  BACKUP_SCHEDULE_SLACK_MINUTES: z.coerce.number().int().min(0).max(120).default(10),
  /** `bullmq`: this service keeps a job scheduler per device; `external`: a k8s CronJob enqueues instead. */
  BACKUP_SCHEDULER: z.enum(['bullmq', 'external']).default('bullmq'),
  /** Backups younger than this are never deleted (seed 000 Req 8.3 says 30; it cannot go lower). */
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(30),
  /** `backup.stale` alert when a device's newest backup is older than this. */
  BACKUP_STALE_HOURS: z.coerce.number().min(1).max(720).default(13),
  /** How often staleness is checked and schedules are matched to the device list. */
  BACKUP_CHECK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Stamped into each backup's header; set by the image build. */
  APP_VERSION: z.string().min(1).default('dev'),
});

export type Config = z.infer<typeof configSchema>;
