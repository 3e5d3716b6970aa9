import { z } from 'zod';
import { parseClusterNodes, parseRedisTarget, QUEUE_PREFIX_PATTERN } from './redis-target.js';

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
  const folded = 'REDIS_URL' in schema.shape ? foldClusterNodes(env) : { env, issues: [] };
  if (folded.issues.length > 0) throw new ConfigError(folded.issues);
  env = folded.env;
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
 * `REDIS_CLUSTER_NODES=h1:p1,h2:p2` is the same as `REDIS_URL=redis+cluster://h1:p1,h2:p2`,
 * so every `createRedis(config.REDIS_URL, ...)` call site gets cluster support.
 */
function foldClusterNodes(env: Record<string, string | undefined>): { env: Record<string, string | undefined>; issues: string[] } {
  const nodes = env.REDIS_CLUSTER_NODES?.trim();
  if (!nodes) return { env, issues: [] };
  if (env.REDIS_URL !== undefined) {
    return { env, issues: ['REDIS_CLUSTER_NODES: set either REDIS_URL or REDIS_CLUSTER_NODES, not both (both are set)'] };
  }
  try {
    parseClusterNodes(nodes.split(','));
  } catch (error) {
    return { env, issues: [`REDIS_CLUSTER_NODES: ${(error as Error).message} (got ${JSON.stringify(nodes)})`] };
  }
  return { env: { ...env, REDIS_URL: `redis+cluster://${nodes.replaceAll(' ', '')}` }, issues: [] };
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
/** One server (`redis://`, `rediss://`) or a cluster's seed nodes (`redis+cluster://h1:p1,h2:p2`). */
export const redisUrl = z.string().superRefine((value, ctx) => {
  try {
    parseRedisTarget(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/** A BullMQ key prefix, optionally with one `{hash tag}` (required on Redis Cluster). */
export const queuePrefix = z
  .string()
  .min(1)
  .regex(QUEUE_PREFIX_PATTERN, 'letters, digits, ":", "_" or "-", with at most one non-empty {hash tag}, e.g. {platform}');

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
  /** One server, or `redis+cluster://host1:7000,host2:7001` for a Redis Cluster. */
  REDIS_URL: redisUrl.default('redis://127.0.0.1:6379'),
  /**
   * Alternative to a `redis+cluster://` REDIS_URL: comma-separated `host:port`
   * seed nodes of a Redis Cluster. `loadConfig` folds it into REDIS_URL.
   */
  REDIS_CLUSTER_NODES: z.string().optional(),
  /**
   * BullMQ key prefix; lets several environments share one Redis. The `{...}`
   * hash tag keeps each queue's keys in one cluster slot; it is required on
   * Redis Cluster and harmless on a single server.
   */
  QUEUE_PREFIX: queuePrefix.default('{platform}'),
  /**
   * Independent Redis servers for Redlock's quorum, comma-separated (3 or 5 in
   * production: a lock holds while a majority grant it). Unset: the lock uses
   * REDIS_URL alone. The fencing token still comes from PostgreSQL.
   */
  REDIS_LOCK_URLS: csv.pipe(z.array(redisUrl)).default([]),
  HTTP_HOST: z.string().default('0.0.0.0'),
  /** Port of /healthz/* and /metrics (and of the API, for HTTP services). */
  HTTP_PORT: z.coerce.number().int().min(0).max(65535),
  /** Hard deadline for graceful shutdown; keep below the pod's 30 s grace period. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(25_000),
});
export type ServiceEnv = z.infer<typeof serviceEnv>;
