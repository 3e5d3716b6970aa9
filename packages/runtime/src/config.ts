import { z } from 'zod';

/** Thrown by {@link loadConfig}; `issues` names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly issues: readonly string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
  }
}

/**
 * Parses `env` against a zod object schema whose keys are variable names.
 * Pure: no defaults for secrets, no reading of `process.env` here.
 *
 * @example
 * const config = loadConfig(serviceEnv.extend({ SMTP_URL: z.url() }), process.env);
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: Record<string, string | undefined>): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(root)';
    const got = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    const shown = got === undefined ? 'it is not set' : `got ${JSON.stringify(redactUrl(got))}`;
    return `${variable}: ${issue.message} (${shown})`;
  });
  throw new ConfigError(issues);
}

/**
 * For `main.ts`: a bad config ends the process with one line on stderr and
 * exit code 78 (EX_CONFIG), so an operator sees the variable, not a stack trace.
 */
export function loadConfigOrExit<S extends z.ZodObject>(
  service: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.infer<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(78);
  }
}

/** Hides the password in a connection URL so it can be logged or shown. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

const urlWithProtocol = (protocols: readonly string[], example: string) =>
  z
    .string()
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
      message: `must be a ${protocols.map((p) => `${p}//`).join(' or ')} URL, e.g. ${example}`,
    });

export const postgresUrl = urlWithProtocol(['postgres:', 'postgresql:'], 'postgres://user@host:5432/db');
export const redisUrl = urlWithProtocol(['redis:', 'rediss:'], 'redis://127.0.0.1:6379');

/** Comma-separated list, e.g. `a@x.org, b@x.org`. */
export const csv = z.string().transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Variables every service reads. Local defaults match the README's
 * two-command setup; production overrides them through the k8s ConfigMap.
 */
export const serviceEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Human-readable logs for local runs; JSON lines otherwise. */
  LOG_PRETTY: bool.default(false),
  DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/platform'),
  /** Pool size per process; 2 cores here, so a handful of connections is plenty. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; lets several environments share one Redis. */
  QUEUE_PREFIX: z.string().regex(/^[a-zA-Z0-9:_-]+$/, 'letters, digits, ":", "_" or "-" only').default('platform'),
  HTTP_HOST: z.string().default('0.0.0.0'),
  /** Port of /healthz/* and /metrics (and of the API, for HTTP services). */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535),
  /** Hard deadline for graceful shutdown; keep below the pod's 30 s grace period. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(25_000),
  /**
   * Who starts scheduled jobs: `in-process` (each service upserts its BullMQ job schedulers on boot)
   * or `external` (k8s CronJobs run `platform-enqueue`; services remove their schedulers instead).
   * Set it on every service at once, then unsuspend the CronJobs (docs/deployment.md, "Schedules").
   */
  SCHEDULES: z.enum(['in-process', 'external']).default('in-process'),
});
export type ServiceEnv = z.infer<typeof serviceEnv>;
