import { serviceEnv } from '@platform/runtime';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** exchange-hub's environment; see packages/runtime `serviceEnv` for the shared variables. */
export const configSchema = serviceEnv
  .extend({
    /** Health and metrics (plain HTTP, cluster-internal). */
    HTTP_PORT: serviceEnv.shape.HTTP_PORT.default(9104),
    /** The nodes' sync API (HTTPS), separate from ops so TLS never guards a k8s probe. */
    EXCHANGE_PORT: z.coerce.number().int().min(0).max(65535).default(9443),
    /** PEM files of the API's certificate and key (Property 27). */
    EXCHANGE_TLS_CERT_FILE: z.string().min(1).optional(),
    EXCHANGE_TLS_KEY_FILE: z.string().min(1).optional(),
    /** Development only: generate a throwaway self-signed certificate at start. */
    EXCHANGE_TLS_SELF_SIGNED: bool.default(false),
    /** Where the self-signed certificate is written, for nodes to pass as `--ca`. */
    EXCHANGE_TLS_SELF_SIGNED_CERT_OUT: z.string().min(1).default('/tmp/exchange-hub-dev-cert.pem'),
    /** Development only: serve the API over plain HTTP. Never in production. */
    EXCHANGE_ALLOW_PLAIN_HTTP: bool.default(false),
    /** Entities per outgoing packet (Property 23); 500 keeps a packet well under 1 MiB gzipped. */
    EXCHANGE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
    /** Largest gzipped request body; larger packets are refused with packet_too_large. */
    EXCHANGE_MAX_PACKET_BYTES: z.coerce.number().int().min(1024).default(8 * 1024 * 1024),
    /** Failed authentications per client address per window before it is refused outright (429). */
    EXCHANGE_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).default(10),
    EXCHANGE_AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(300),
    /** When acknowledged outgoing packets older than 7 days are purged (cron, UTC). */
    EXCHANGE_PURGE_CRON: z.string().min(9).default('17 3 * * *'),
  })
  .refine((env) => (env.EXCHANGE_TLS_CERT_FILE === undefined) === (env.EXCHANGE_TLS_KEY_FILE === undefined), {
    path: ['EXCHANGE_TLS_KEY_FILE'],
    message: 'set both EXCHANGE_TLS_CERT_FILE and EXCHANGE_TLS_KEY_FILE, or neither',
  })
  .refine((env) => env.EXCHANGE_TLS_CERT_FILE !== undefined || env.EXCHANGE_TLS_SELF_SIGNED || env.EXCHANGE_ALLOW_PLAIN_HTTP, {
    path: ['EXCHANGE_TLS_CERT_FILE'],
    message: 'the sync API is HTTPS only: set EXCHANGE_TLS_CERT_FILE/KEY_FILE (or, for local development, EXCHANGE_TLS_SELF_SIGNED=true or EXCHANGE_ALLOW_PLAIN_HTTP=true)',
  })
  .refine((env) => env.NODE_ENV !== 'production' || (!env.EXCHANGE_TLS_SELF_SIGNED && !env.EXCHANGE_ALLOW_PLAIN_HTTP), {
    path: ['EXCHANGE_ALLOW_PLAIN_HTTP'],
    message: 'plain HTTP and self-signed certificates are refused when NODE_ENV=production',
  });

export type Config = z.infer<typeof configSchema>;
