import { postgresUrl, serviceEnv } from '@platform/runtime';
import { z } from 'zod';

/** Where `pnpm dev` and the seed script put the client-system database. */
export const DEFAULT_CLIENT_SYSTEM_URL = 'postgres://postgres@127.0.0.1:5432/client_system';

/** meter-sync's environment; see packages/runtime `serviceEnv` for the shared variables. */
export const configSchema = serviceEnv
  .extend({
    HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9103),
    /**
     * The customer's client-system PostgreSQL. Use a role with SELECT only
     * (see README): the engine also reads in READ ONLY transactions, but the
     * role is what guarantees it. Required in production; defaults to the
     * local `client_system` database elsewhere.
     */
    CLIENT_SYSTEM_DATABASE_URL: postgresUrl.optional(),
    /** Tenants synced on a schedule, e.g. `1,2,3`; empty: only manual runs. */
    METER_SYNC_TENANTS: z
      .string()
      .default('')
      .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[1-9]\d{0,8}$/, 'must be positive integers').transform(Number))),
    /** Interval between scheduled runs of each tenant. */
    METER_SYNC_INTERVAL_MS: z.coerce.number().int().min(10_000).default(15 * 60_000),
    /**
     * Redis ttl of a tenant's run lock, extended every third of it while held: how long a
     * worker that died mid-run keeps the tenant's next run waiting.
     */
    METER_SYNC_LOCK_TTL_MS: z.coerce.number().int().min(1_000).default(30_000),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.CLIENT_SYSTEM_DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['CLIENT_SYSTEM_DATABASE_URL'], message: 'is required in production' });
    }
  });

export type MeterSyncConfig = z.infer<typeof configSchema>;

export function clientSystemUrl(config: MeterSyncConfig): string {
  return config.CLIENT_SYSTEM_DATABASE_URL ?? DEFAULT_CLIENT_SYSTEM_URL;
}
