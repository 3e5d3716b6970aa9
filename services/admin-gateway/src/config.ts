import { serviceEnv } from '@platform/runtime';
import { z } from 'zod';

/** admin-gateway's environment; see packages/runtime `serviceEnv` for the shared variables. */
export const configSchema = serviceEnv
  .extend({
    HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(3000),
    /**
     * HS256 signing key for admin tokens, at least 32 bytes (RFC 7518 3.2: the
     * key must be as long as the hash). No default: required outside
     * development; in development an ephemeral key is generated and logged as such.
     */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters (HS256 needs a 256-bit key)').optional(),
    JWT_ISSUER: z.string().min(1).default('platform-admin-gateway'),
    JWT_AUDIENCE: z.string().min(1).default('platform-admin-api'),
    /** Short-lived on purpose: there is no revocation list, only `disabled` checked per request. */
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
    /** Login attempts per client IP per window, counted in Redis so every replica shares the count. */
    LOGIN_RATE_MAX: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
  })
  .refine((env) => env.NODE_ENV === 'development' || env.JWT_SECRET !== undefined, {
    path: ['JWT_SECRET'],
    message: 'is required unless NODE_ENV=development',
  });

export type Config = z.infer<typeof configSchema>;
