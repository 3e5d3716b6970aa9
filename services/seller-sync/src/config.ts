import { z } from 'zod';
import { serviceEnv } from '@platform/runtime';

/** seller-sync's environment; see packages/runtime `serviceEnv` for the shared variables. */
export const configSchema = serviceEnv.extend({
  HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9102),
  /** The sellers spreadsheet id (the part of its URL after `/d/`). */
  SELLERS_SPREADSHEET_ID: z.string().min(1).default('sellers-dev'),
  /** Tab title; the first tab when unset. */
  SELLERS_SHEET_NAME: z.string().min(1).optional(),
  /**
   * Sheets API root: the emulator in dev and tests (`http://127.0.0.1:8089/`). Unset means real
   * Google, authenticated by the service-account key in GOOGLE_APPLICATION_CREDENTIALS.
   */
  SHEETS_ROOT_URL: z.url().optional(),
  /** How often `sellers.sync_config` is re-read; changes apply within this many milliseconds. */
  SYNC_CONFIG_POLL_MS: z.coerce.number().int().min(100).default(2_000),
  /** Sellers per upsert statement and transaction; also the cancel/progress granularity. */
  SYNC_BATCH_SIZE: z.coerce.number().int().min(1).max(20_000).default(2_000),
  /** Wait before the later gap re-sync (Req 7.4) first runs; then the queue backs off exponentially. */
  SYNC_RESYNC_DELAY_MS: z.coerce.number().int().min(0).default(60_000),
});
export type SellerSyncConfig = z.infer<typeof configSchema>;
